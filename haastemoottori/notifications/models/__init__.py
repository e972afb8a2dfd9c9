from .notification import Notification

__all__ = ["Notification"]
