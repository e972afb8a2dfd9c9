from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "haastemoottori.organisations"
    label = "organisations"

    def ready(self) -> None:
        # Listed organisations are findable: the search engine (a lower layer) indexes them as documents.
        from haastemoottori.search.models import SearchDocument
        from haastemoottori.search.sources import register_source

        from .models import Organisation
        from .search_documents import organisation_document, organisations_to_index

        register_source(
            kind=SearchDocument.Kind.ORGANISATION,
            model=Organisation,
            build=organisation_document,
            queryset=organisations_to_index,
        )
        # Logos are public media files; check_files compares them with the profiles that show them.
        from haastemoottori.core.files import FileSource, register_file_source

        register_file_source(
            FileSource(
                label="logos",
                storage=lambda: Organisation._meta.get_field("logo").storage,
                folder="logos",
                names=lambda: Organisation.objects.exclude(logo="").values_list("logo", flat=True),
            )
        )
