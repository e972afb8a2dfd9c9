"""Open API endpoints of the comments app (registered in haastemoottori/api/api.py)."""

from ninja import Router

router = Router(tags=["comments"])
