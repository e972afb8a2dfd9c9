app_name = "evaluation_admin"
urlpatterns: list = []
