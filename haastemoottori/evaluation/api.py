"""Open API endpoints of the evaluation app (registered in haastemoottori/api/api.py)."""

from ninja import Router

router = Router(tags=["evaluation"])
