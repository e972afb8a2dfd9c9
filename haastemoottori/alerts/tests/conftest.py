import pytest

from conftest import publishable
from haastemoottori.challenges import services


@pytest.fixture
def publish(region, make_challenge):
    """Create and publish (co-definition) a challenge led by Espoo; keyword arguments go to make_challenge."""

    def _publish(**extra):
        challenge = publishable(make_challenge(**extra), region)
        return services.challenge_transition(
            actor=region.people["espoo_owner"], challenge=challenge, target="co_definition"
        )

    return _publish


@pytest.fixture
def draft_and_review(region, make_challenge):
    """Two challenges with every followed property (theme, Espoo) that are not public: a draft and one in review."""
    themes = region.themes
    draft = make_challenge(title={"fi": "Salainen luonnos", "en": "Secret draft"}, themes=themes)
    review = publishable(make_challenge(title={"fi": "Arvioitava", "en": "Under review"}, themes=themes), region)
    assert not draft.is_public and not review.is_public
    return draft, review
