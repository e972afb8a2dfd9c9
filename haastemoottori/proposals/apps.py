from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "haastemoottori.proposals"
    label = "proposals"

    def ready(self) -> None:
        # What it holds about people, for their export and erasure (privacy/registry.py).
        from . import personal_data

        personal_data.register()

        # Attachments are private files; check_files compares them with their rows.
        from haastemoottori.core.files import FileSource, register_file_source

        from .models import ProposalAttachment
        from .models.attachment import private_storage

        register_file_source(
            FileSource(
                label="proposal attachments",
                storage=private_storage,
                folder="proposals",
                names=lambda: ProposalAttachment.objects.values_list("file", flat=True),
            )
        )
