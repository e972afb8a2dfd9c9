"""One company of PRH's YTJ open data API v3 (``/companies?businessId=`` and the ``/all_companies`` bulk
file) as the fields of a RegisterEntry.

The shape, from the API's published description: ``businessId.value``; ``names[]`` with ``name``, ``type``
(1 the company name, 2 a parallel name, 3 an auxiliary name), ``registrationDate`` and ``endDate`` (set
when no longer in force); ``companyForms[]`` and ``mainBusinessLine`` with ``type`` (a code; TOL 2008 for
the line of business) and ``descriptions[]`` of ``languageCode`` (1 Finnish, 2 Swedish, 3 English) and
``description``; ``companySituations[]`` with ``type`` SELTILA (liquidation), KONK (bankruptcy) or SANE
(restructuring); ``addresses[]`` with ``type`` (1 visiting, 2 postal), ``street``, ``buildingNumber``,
``entrance``, ``apartmentNumber``, ``postCode`` and ``postOffices[]`` (``city``, ``languageCode``);
``website.url``; ``tradeRegisterStatus`` (code list REK_KDI); ``registrationDate``, ``endDate`` (the
company has ceased) and ``lastModified``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .models import RegisterEntry

LANGUAGES = {"1": "fi", "2": "sv", "3": "en"}
SITUATIONS = {
    "SELTILA": RegisterEntry.Status.LIQUIDATION,
    "KONK": RegisterEntry.Status.BANKRUPTCY,
    "SANE": RegisterEntry.Status.RESTRUCTURING,
}
NAME_TYPE_COMPANY = "1"


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _descriptions(item: dict[str, Any] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for d in (item or {}).get("descriptions") or []:
        code = LANGUAGES.get(str(d.get("languageCode")))
        if code and d.get("description"):
            out[code] = str(d["description"])[:300]
    return out


def _in_force(items: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    return [i for i in items or [] if isinstance(i, dict) and not i.get("endDate")]


def _address(addresses: list[dict[str, Any]] | None) -> dict[str, str]:
    ordered = sorted(_in_force(addresses), key=lambda a: 0 if str(a.get("type")) == "1" else 1)
    if not ordered:
        return {}
    a = ordered[0]
    street = " ".join(
        str(a.get(k) or "").strip() for k in ("street", "buildingNumber", "entrance", "apartmentNumber")
    ).strip()
    if not street and a.get("postOfficeBox"):
        street = f"PL {a['postOfficeBox']}"
    offices = a.get("postOffices") or []
    city = next((o.get("city") for o in offices if str(o.get("languageCode")) == "1"), None) or next(
        (o.get("city") for o in offices), ""
    )
    return {"street": street[:200], "post_code": str(a.get("postCode") or "")[:10], "city": str(city or "")[:100]}


def entry_fields(company: dict[str, Any]) -> dict[str, Any]:
    """The RegisterEntry fields of one company record (business_id included). Raises ValueError without an
    ID."""
    business_id = str(((company.get("businessId") or {}).get("value")) or "").strip()
    if not business_id:
        raise ValueError("no businessId.value")
    names = _in_force(company.get("names"))
    names.sort(key=lambda n: (str(n.get("type") or "9"), str(n.get("registrationDate") or "")))
    main = next((n for n in names if str(n.get("type")) == NAME_TYPE_COMPANY), names[0] if names else {})
    forms = _in_force(company.get("companyForms"))
    line = company.get("mainBusinessLine") or {}
    end = _date(company.get("endDate"))
    status = RegisterEntry.Status.ACTIVE
    for situation in _in_force(company.get("companySituations")):
        status = SITUATIONS.get(str(situation.get("type")), status)
    if end is not None:
        status = RegisterEntry.Status.CEASED
    return {
        "business_id": business_id[:9],
        "name": str(main.get("name") or "")[:500],
        "names": [
            {"name": str(n.get("name") or ""), "type": str(n.get("type") or ""), "since": n.get("registrationDate")}
            for n in names
        ],
        "company_form": str(forms[0].get("type") or "")[:10] if forms else "",
        "company_form_names": _descriptions(forms[0]) if forms else {},
        "status": status,
        "trade_register_status": str(company.get("tradeRegisterStatus") or "")[:10],
        "registration_date": _date(company.get("registrationDate")),
        "end_date": end,
        "main_business_line": str(line.get("type") or "")[:10],
        "main_business_line_names": _descriptions(line),
        "address": _address(company.get("addresses")),
        "website": str((company.get("website") or {}).get("url") or "")[:300],
        "last_modified": str(company.get("lastModified") or "")[:32],
    }
