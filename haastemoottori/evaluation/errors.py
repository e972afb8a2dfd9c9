"""Error codes of evaluation of proposals.

Services raise a ServiceError with one of these members, never a string. Keep the values stable.
"""

from haastemoottori.core.errors import ErrorCodeEnum


class ErrorCode(ErrorCodeEnum):
    ALREADY_ASSIGNED = "already_assigned"
    BUSINESS_ID_INVALID = "business_id_invalid"
    COMMENT_REQUIRED = "comment_required"
    DECIDED = "decided"
    DECLARED = "declared"
    DECLARE_FIRST = "declare_first"
    DESCRIPTION_REQUIRED = "description_required"
    DUPLICATE = "duplicate"
    EVALUATIONS_INCOMPLETE = "evaluations_incomplete"
    EVALUATION_SUBMITTED = "evaluation_submitted"
    FORM_LOCKED = "form_locked"
    GONE = "gone"
    INVALID_SCORES = "invalid_scores"
    JUSTIFICATION_REQUIRED = "justification_required"
    LABELS = "labels"
    LABELS_COUNT = "labels_count"
    MEMBER_OF_APPLICANT = "member_of_applicant"
    NOT_A_CHOICE = "not_a_choice"
    NOT_A_NUMBER = "not_a_number"
    NOT_FOUND = "not_found"
    NOT_SUBMITTED = "not_submitted"
    NO_EVALUATIONS = "no_evaluations"
    NO_FORM = "no_form"
    NO_PROPOSALS = "no_proposals"
    OUTCOME = "outcome"
    OUT_OF_RANGE = "out_of_range"
    RANGE = "range"
    RECUSED = "recused"
    REQUIRED = "required"
    SCORE_REQUIRED = "score_required"
    SUBMITTED = "submitted"
    THRESHOLD = "threshold"
    UNKNOWN_SCALE = "unknown_scale"
    UNKNOWN_USER = "unknown_user"
    WEIGHT = "weight"
