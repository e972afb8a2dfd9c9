from django.contrib import admin

from .models import DevelopmentPlatform


@admin.register(DevelopmentPlatform)
class DevelopmentPlatformAdmin(admin.ModelAdmin):
    list_display = ["slug", "__str__", "owner"]
