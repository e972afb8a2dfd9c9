from django.urls import include, path

from . import views, views_imports, views_moderation, views_public

app_name = "signals"
urlpatterns = [
    # Staff (signals.view_signals): the list, a signal, add and edit.
    path("", views.signal_list_view, name="list"),
    path("new/", views.signal_create_view, name="create"),
    path("<int:pk>/", views.signal_detail, name="detail"),
    path("<int:pk>/edit/", views.signal_edit_view, name="edit"),
    # Editors: moderation of residents' suggestions, bulk imports.
    path("moderation/", views_moderation.moderation_queue, name="moderation"),
    path("<int:pk>/moderate/", views_moderation.signal_moderate_view, name="moderate"),
    path("imports/", views_imports.import_list, name="imports"),
    path("imports/<int:pk>/", views_imports.import_detail, name="import-detail"),
    path("imports/<int:pk>/resume/", views_imports.import_resume, name="import-resume"),
    # The public site: a resident's suggestion and their own suggestions.
    path("suggest/", views_public.signal_suggest_view, name="suggest"),
    path("suggest/mine/", views_public.my_suggestions, name="mine"),
    # Clusters: urls_clusters.py (clustering).
    path("clusters/", include("haastemoottori.signals.urls_clusters")),
]
