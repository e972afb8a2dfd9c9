from .record import ImportedRecord

__all__ = ["ImportedRecord"]
