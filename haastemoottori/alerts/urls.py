from django.urls import path

from haastemoottori.core.page_cache import cache_public_page

from . import feeds, views

app_name = "alerts"
urlpatterns = [
    path("", views.alert_settings, name="settings"),
    path("follows/<int:pk>/unfollow/", views.unfollow, name="unfollow"),
    path("challenges/<slug:slug>/follow/", views.follow_challenge, name="follow-challenge"),
    path("themes/<slug:slug>/follow/", views.follow_theme, name="follow-theme"),
    path("organisations/<slug:slug>/follow/", views.follow_organisation, name="follow-organisation"),
    path("searches/save/", views.search_save, name="search-save"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("feeds/themes/<slug:slug>.atom", cache_public_page(feeds.ThemeFeed()), name="feed-theme"),
    path("feeds/cities/<slug:slug>.atom", cache_public_page(feeds.OrganisationFeed()), name="feed-organisation"),
    path("feeds/searches/<slug:token>.atom", feeds.SavedSearchFeed(), name="feed-search"),
]
