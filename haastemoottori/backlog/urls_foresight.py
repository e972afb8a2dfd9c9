app_name = "foresight"
urlpatterns: list = []
