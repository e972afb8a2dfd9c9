"""Open API endpoints of the comments app (registered in haastemoottori/api/api.py).

Public data only: a hidden comment is given as its id, status and the public reason, nothing else.
Authors are named by their display name (never an e-mail address).
"""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from haastemoottori.challenges.models import Challenge
from haastemoottori.core.errors import CommonCode

from .models import Comment
from .selectors import comments_for_challenge

router = Router(tags=["comments"])


class CommentOrganisation(Schema):
    slug: str
    name: str


class CommentOut(Schema):
    id: int
    status: str
    hidden_reason: str | None = None
    section: str | None = None
    text: str | None = None
    language: str | None = None
    created_at: datetime | None = None
    author_name: str | None = None
    author_organisation: CommentOrganisation | None = None
    taken_into_account_at: datetime | None = None
    owner_note: str | None = None


class CommentList(Schema):
    count: int
    results: list[CommentOut]


class CommentError(Schema):
    code: str
    message: str


def _comment(c: Comment) -> dict:
    if c.is_hidden:
        return {"id": c.pk, "status": c.status, "hidden_reason": c.hidden_reason}
    org = c.author_organisation
    return {
        "id": c.pk,
        "status": c.status,
        "section": c.section,
        "text": c.text,
        "language": c.language,
        "created_at": c.created_at,
        "author_name": c.author_name,
        "author_organisation": {"slug": org.slug, "name": str(org)} if org else None,
        "taken_into_account_at": c.taken_into_account_at,
        "owner_note": c.owner_note or None,
    }


@router.get("/challenges/{slug}/comments", response={200: CommentList, 404: CommentError})
def list_comments(request, slug: str):
    """The comments of a published challenge in the order written; hidden ones only as id and reason."""
    challenge = Challenge.objects.public().filter(slug=slug).only("id", "slug").first()
    if challenge is None:
        return Status(404, {"code": CommonCode.NOT_FOUND, "message": _("No public challenge with this identifier.")})
    results = [_comment(c) for c in comments_for_challenge(challenge=challenge)]
    return {"count": len(results), "results": results}
