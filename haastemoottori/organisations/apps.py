from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "haastemoottori.organisations"
    label = "organisations"

    def ready(self) -> None:
        # Every member of a city or another public body is city staff: a second factor and an idle timeout
        # (accounts/staff_roles.py).
        from haastemoottori.accounts.staff_roles import register_staff_role

        from .selectors import is_public_body_member

        register_staff_role(is_public_body_member)

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

        # What it holds about people, for their export and erasure (privacy/registry.py).
        from . import personal_data

        personal_data.register()

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
