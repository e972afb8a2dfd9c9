"""Open API endpoints of the procurement app (registered in haastemoottori/api/api.py).

The OCDS 1.1 release package of a public challenge's procurement path (the same as ``ocds.json``).
"""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status

from haastemoottori.core import api_schemas as schemas
from haastemoottori.core.errors import CommonCode

router = Router(tags=["procurement"])


@router.get("/challenges/{slug}/ocds", response={200: dict, 404: schemas.ErrorOut})
def get_ocds_package(request, slug: str):
    """The OCDS 1.1 release package (planning → tender → award → contract → implementation) of a public
    challenge's procurement path; 404 when the challenge is not public or has no procurement path."""
    import json

    from .views import ocds_package_for

    package = ocds_package_for(request, slug)
    if package is None:
        return Status(
            404,
            {
                "code": CommonCode.NOT_FOUND,
                "message": _("No public challenge with a procurement path has this identifier."),
            },
        )
    return HttpResponse(json.dumps(package, ensure_ascii=False), content_type="application/json")
