"""Open API endpoints of the pilots app (registered in haastemoottori/api/api.py)."""

from ninja import Router

router = Router(tags=["pilots"])
