from .alert_preference import AlertPreference
from .follow import Follow
from .saved_search import SavedSearch

__all__ = ["AlertPreference", "Follow", "SavedSearch"]
