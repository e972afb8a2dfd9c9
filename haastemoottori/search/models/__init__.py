from .document import SearchDocument
from .feedback import MatchFeedback

__all__ = ["MatchFeedback", "SearchDocument"]
