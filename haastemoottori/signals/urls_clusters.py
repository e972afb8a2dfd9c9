"""Cluster pages, included by urls.py at clusters/ (namespace "signals")."""

from django.urls import path

from . import views_clusters

urlpatterns = [
    # Staff (signals.view_signals): the list and a cluster; editors (signals.curate_clusters) act on it.
    path("", views_clusters.cluster_list_view, name="cluster-list"),
    path("<int:pk>/", views_clusters.cluster_detail_view, name="cluster-detail"),
    path("<int:pk>/rename/", views_clusters.cluster_rename_view, name="cluster-rename"),
    path("<int:pk>/merge/", views_clusters.cluster_merge_view, name="cluster-merge"),
    path("<int:pk>/signals/", views_clusters.cluster_signals_view, name="cluster-signals"),
]
