from django.urls import path

from haastemoottori.core.page_cache import cache_public_page

from . import feeds, views_foresight

app_name = "foresight"
urlpatterns = [
    path("", views_foresight.index, name="index"),
    path("feed.atom", cache_public_page(feeds.ForesightFeed()), name="feed"),
]
