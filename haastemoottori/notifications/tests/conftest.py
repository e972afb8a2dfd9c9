import pytest

from haastemoottori.notifications.services import notification_send

TEMPLATE = "notifications/tests/greeting.txt"


@pytest.fixture
def send():
    """Send a test notification (category "qa") to the given people; e-mail callbacks run on commit."""

    def _send(*recipients, kind="qa.answer_published", **extra):
        return notification_send(
            recipients=list(recipients),
            kind=kind,
            template=TEMPLATE,
            context={"extra": extra.pop("text", "Body text")},
            url_name="challenges:list",
            **extra,
        )

    return _send
