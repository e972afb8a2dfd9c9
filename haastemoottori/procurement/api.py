"""Open API endpoints of the procurement app (registered in haastemoottori/api/api.py)."""

from ninja import Router

router = Router(tags=["procurement"])
