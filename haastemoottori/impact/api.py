"""Open API endpoints of the impact app (registered in haastemoottori/api/api.py)."""

from ninja import Router

router = Router(tags=["impact"])
