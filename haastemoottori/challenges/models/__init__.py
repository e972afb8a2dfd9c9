from .challenge import Challenge
from .indicator import Indicator
from .ownership import ChallengeOwnership
from .stage_change import StageChange

__all__ = ["Challenge", "ChallengeOwnership", "Indicator", "StageChange"]
