"""Writes for procurement paths: the route, notices, awards and contracts of a challenge.

Every function checks ``procurement.change_procurement`` on the challenge, validates before changing
anything, audits the change and reports it to the public page cache (everything here is public).
"""

from ._common import AWARD_STAGES, DEFAULT_OCID_PREFIX, MAX_VALUE, ocid_for
from .awards import (
    award_add,
    award_delete,
    award_delete_refusal,
    award_update,
    contract_add,
    contract_delete,
    contract_update,
)
from .notices import ImportResult, NoticeRead, business_id, notice_import, notice_read
from .path import notice_add, notice_remove, path_update

__all__ = [
    "AWARD_STAGES",
    "DEFAULT_OCID_PREFIX",
    "MAX_VALUE",
    "ImportResult",
    "NoticeRead",
    "award_add",
    "award_delete",
    "award_delete_refusal",
    "award_update",
    "business_id",
    "contract_add",
    "contract_delete",
    "contract_update",
    "notice_add",
    "notice_import",
    "notice_read",
    "notice_remove",
    "ocid_for",
    "path_update",
]
