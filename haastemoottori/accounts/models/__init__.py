from .link_generation import LinkGeneration
from .user import User

__all__ = ["LinkGeneration", "User"]
