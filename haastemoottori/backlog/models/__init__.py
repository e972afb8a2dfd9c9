from .candidate import Candidate
from .comparison import PairwiseComparison
from .criterion import Criterion
from .score import Score
from .score_sheet import ScoreSheet

__all__ = ["Candidate", "Criterion", "PairwiseComparison", "Score", "ScoreSheet"]
