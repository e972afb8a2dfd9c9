from .decision import Decision

__all__ = ["Decision"]
