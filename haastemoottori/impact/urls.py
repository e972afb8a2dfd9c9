from django.urls import path

from . import views

app_name = "impact"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("staff/", views.staff_dashboard, name="staff"),
    path("impact.xlsx", views.workbook_download, name="workbook"),
    path("<str:figure>.csv", views.figure_download, {"fmt": "csv"}, name="figure-csv"),
    path("<str:figure>.xlsx", views.figure_download, {"fmt": "xlsx"}, name="figure-xlsx"),
]
