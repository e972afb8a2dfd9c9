"""The API's interactive documentation (Swagger UI) from the platform's own static files.

django-ninja's default page loads Swagger UI from a CDN (a floating version, no integrity check) with an inline
script; this one serves the pinned ``swagger-ui-dist`` npm package (``vendor/swagger-ui``) and a static start
script, so it works under the Content-Security-Policy without 'unsafe-inline'."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger


class StaticSwagger(Swagger):
    template = "api/docs.html"
    # No links to the validator badge's third-party service.
    default_settings = {"layout": "BaseLayout", "deepLinking": True, "validatorUrl": None}

    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(request, self.template, {"api": api, "swagger_settings": settings})
