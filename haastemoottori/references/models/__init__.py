from .pilot_reference import PilotReference

__all__ = ["PilotReference"]
