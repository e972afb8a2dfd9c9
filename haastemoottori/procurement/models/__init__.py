from .award import Award
from .contract import Contract
from .notice import ProcurementNotice
from .path import ProcurementPath

__all__ = ["Award", "Contract", "ProcurementNotice", "ProcurementPath"]
