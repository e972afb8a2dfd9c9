from .follow import Follow
from .saved_search import SavedSearch

__all__ = ["Follow", "SavedSearch"]
