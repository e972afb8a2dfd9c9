"""Open API endpoints of the events app (registered in haastemoottori/api/api.py)."""

from ninja import Router

router = Router(tags=["events"])
