from .adoption import Adoption
from .budget_share import PilotBudgetShare
from .check_in import CheckIn
from .kpi import KPI
from .measurement import KPIMeasurement
from .milestone import Milestone
from .participant import PilotParticipant
from .pilot import Pilot
from .request import PilotRequest
from .request_message import PilotRequestMessage

__all__ = [
    "KPI",
    "Adoption",
    "CheckIn",
    "KPIMeasurement",
    "Milestone",
    "Pilot",
    "PilotBudgetShare",
    "PilotParticipant",
    "PilotRequest",
    "PilotRequestMessage",
]
