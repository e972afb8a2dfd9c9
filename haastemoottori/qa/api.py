"""Open API endpoints of the qa app (registered in haastemoottori/api/api.py): the public Q&A log only."""

from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from haastemoottori.core import api_schemas as schemas
from haastemoottori.core.errors import CommonCode

from .exports import question_data
from .selectors import challenge_for_qa, questions_public

router = Router(tags=["qa"])


class PublishedQuestionOut(Schema):
    number: int = Field(description="Sequence number within the challenge, given when published")
    kind: str = Field(description="question or clarification")
    question: str = Field(description="The published wording of the question (empty for a clarification)")
    question_language: str
    answer: dict[str, str] = Field(description="The answer (or clarification), keyed by language code")
    answer_original_language: str
    published_at: datetime
    url: str


class QuestionLog(Schema):
    challenge: str
    count: int
    results: list[PublishedQuestionOut]


@router.get("/challenges/{slug}/questions", response={200: QuestionLog, 404: schemas.ErrorOut})
def list_questions(request, slug: str):
    """The published questions, answers and clarifications of a public challenge, by number. The people
    who asked are never shown."""
    challenge = challenge_for_qa(slug=slug)
    if challenge is None or not challenge.is_public:
        return Status(404, {"code": CommonCode.NOT_FOUND, "message": _("No public challenge with this identifier.")})
    base = request.build_absolute_uri(reverse("qa:log", args=[challenge.slug]))
    items = [question_data(q, base_url=base) for q in questions_public(challenge=challenge)]
    return {"challenge": challenge.slug, "count": len(items), "results": items}
