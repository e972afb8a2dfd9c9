from .alert_preference import AlertPreference
from .notification import Notification
from .notification_preference import NotificationPreference

__all__ = ["AlertPreference", "Notification", "NotificationPreference"]
