from .cluster import SignalCluster
from .import_run import SignalImport
from .signal import Signal

__all__ = ["Signal", "SignalCluster", "SignalImport"]
