"""Open API endpoints of the qa app (registered in haastemoottori/api/api.py)."""

from ninja import Router

router = Router(tags=["qa"])
