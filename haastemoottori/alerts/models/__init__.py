from .follow import Follow

__all__ = ["Follow"]
