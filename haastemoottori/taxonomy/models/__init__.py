from .industry_code import IndustryCode
from .theme import Theme

__all__ = ["IndustryCode", "Theme"]
