from .feedback import MatchFeedback

__all__ = ["MatchFeedback"]
