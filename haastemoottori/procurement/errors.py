"""Error codes of the procurement path.

Services raise a ServiceError with one of these members, never a string. Keep the values stable.
"""

from haastemoottori.core.errors import ErrorCodeEnum


class ErrorCode(ErrorCodeEnum):
    AWARD_AFTER_CONTRACT = "award_after_contract"
    AWARD_HAS_CONTRACTS = "award_has_contracts"
    AWARD_TOO_EARLY = "award_too_early"
    DATE_BEFORE_PUBLICATION = "date_before_publication"
    DESCRIPTION_TOO_LONG = "description_too_long"
    DUPLICATE_NOTICE = "duplicate_notice"
    END_BEFORE_START = "end_before_start"
    FUTURE_DATE = "future_date"
    INVALID_CURRENCY = "invalid_currency"
    INVALID_DATE = "invalid_date"
    INVALID_DESCRIPTION = "invalid_description"
    INVALID_KIND = "invalid_kind"
    INVALID_NOTICE_ID = "invalid_notice_id"
    INVALID_PROPOSAL = "invalid_proposal"
    INVALID_ROUTE = "invalid_route"
    INVALID_STATUS = "invalid_status"
    INVALID_URL = "invalid_url"
    INVALID_VALUE = "invalid_value"
    NEGATIVE_VALUE = "negative_value"
    NOTICE_REJECTED = "notice_rejected"
    NOTICE_OLDER_VERSION = "notice_older_version"
    NOTICE_SERVICE_OFF = "notice_service_off"
    NOTICE_SERVICE_DOWN = "notice_service_down"
    INVALID_CPV = "invalid_cpv"
    PROPOSAL_NOT_SELECTED = "proposal_not_selected"
    SIGNED_BEFORE_AWARD = "signed_before_award"
    START_BEFORE_AWARD = "start_before_award"
    SUPPLIER_MISSING = "supplier_missing"
    SUPPLIER_NOT_IN_PROPOSAL = "supplier_not_in_proposal"
    VALUE_TOO_LARGE = "value_too_large"
