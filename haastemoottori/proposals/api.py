"""Open API endpoints of the proposals app (registered in haastemoottori/api/api.py)."""

from ninja import Router

router = Router(tags=["proposals"])
