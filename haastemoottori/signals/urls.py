from django.urls import include, path

app_name = "signals"
urlpatterns = [
    # Signals, moderation, imports and the resident suggestion form: views.py, views_*.py (signals helper).
    # Clusters: urls_clusters.py (clustering).
    path("clusters/", include("haastemoottori.signals.urls_clusters")),
]
