from .profile_link import ProfileLink

__all__ = ["ProfileLink"]
