from .notification import Notification
from .notification_preference import NotificationPreference

__all__ = ["Notification", "NotificationPreference"]
