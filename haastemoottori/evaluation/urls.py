from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("", views.my_assignments, name="mine"),
    path("relationships/", views.relationships, name="relationships"),
    path("<int:pk>/", views.assignment_detail, name="assignment"),
    path("<int:pk>/declare/", views.declare, name="declare"),
]
