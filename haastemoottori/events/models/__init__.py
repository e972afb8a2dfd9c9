from .event import Event
from .registration import Registration

__all__ = ["Event", "Registration"]
