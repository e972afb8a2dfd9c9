from .platform import DevelopmentPlatform

__all__ = ["DevelopmentPlatform"]
