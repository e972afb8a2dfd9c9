from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "haastemoottori.challenges"
    label = "challenges"

    def ready(self) -> None:
        # Published challenges are findable: the search engine (a lower layer) indexes them as documents.
        from haastemoottori.search.models import SearchDocument
        from haastemoottori.search.sources import register_source

        from .models import Challenge
        from .search_documents import challenge_document

        register_source(kind=SearchDocument.Kind.CHALLENGE, model=Challenge, build=challenge_document)

        # What it holds about people, for their export and erasure (privacy/registry.py).
        from . import personal_data

        personal_data.register()
