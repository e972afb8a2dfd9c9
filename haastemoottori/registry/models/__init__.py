from .entry import RegisterEntry
from .load_checkpoint import LoadCheckpoint

__all__ = ["LoadCheckpoint", "RegisterEntry"]
