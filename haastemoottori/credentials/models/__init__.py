from .signing_key import SigningKey
from .status_list import StatusList

__all__ = ["SigningKey", "StatusList"]
