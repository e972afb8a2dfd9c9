"""Open API of pilot references (registered in haastemoottori/api/api.py): verify a reference.

Anyone may verify; the answer says the outcome as a stable code and in plain words in the request's language
(Accept-Language), and, when the signature is genuine, what was signed.
"""

import json
from typing import Any

from ninja import Router, Schema
from pydantic import Field

from haastemoottori.core import api_schemas as schemas
from haastemoottori.credentials.verification import Outcome, verify_presented

from .selectors import reference_by_credential_id

router = Router(tags=["references"])


class VerifyIn(Schema):
    credential: str | dict[str, Any] = Field(
        description="The reference: the downloaded JSON (an EnvelopedVerifiableCredential) as an object or a "
        "string, or the signed token (a compact JWS, application/vc+jwt)."
    )


class VerifyOut(Schema):
    outcome: str = Field(description="; ".join(o.value for o in Outcome))
    valid: bool
    message: str
    key_id: str | None = None
    revocation_reason: str | None = None
    credential: dict[str, Any] | None = Field(
        None, description="The signed credential (W3C VC 2.0), when the signature is genuine."
    )


@router.post(
    "/references/verify",
    response={200: VerifyOut, 400: schemas.ErrorOut, 422: schemas.ValidationErrorOut},
    summary="Verify a pilot reference",
    auth=None,
)
def verify_reference(request, body: VerifyIn):
    presented = body.credential if isinstance(body.credential, str) else json.dumps(body.credential)
    result = verify_presented(presented)
    reason = None
    if result.outcome == Outcome.REVOKED:
        reference = reference_by_credential_id(result.payload.get("id"))
        reason = reference.revocation_reason if reference is not None else None
    return {
        "outcome": result.outcome.value,
        "valid": result.ok,
        "message": result.message,
        "key_id": result.key.kid if result.key is not None else None,
        "revocation_reason": reason,
        "credential": result.payload if result.signature_ok else None,
    }
