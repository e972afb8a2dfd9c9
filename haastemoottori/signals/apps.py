from django.apps import AppConfig


class SignalsConfig(AppConfig):
    name = "haastemoottori.signals"
    label = "signals"

    def ready(self) -> None:
        # What it holds about people, for their export and erasure (privacy/registry.py).
        from . import personal_data

        personal_data.register()

        # An import keeps its file until it is done (then the file is removed); check_files compares them.
        from haastemoottori.core.files import FileSource, register_file_source

        from .models import SignalImport

        def import_storage():
            from .services.imports import import_storage

            return import_storage()

        register_file_source(
            FileSource(
                label="signal imports",
                storage=import_storage,
                folder="signal-imports",
                names=lambda: (
                    SignalImport.objects.exclude(status=SignalImport.Status.DONE)
                    .exclude(stored_name="")
                    .values_list("stored_name", flat=True)
                ),
            )
        )
