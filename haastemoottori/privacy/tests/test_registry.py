"""Every model that points at a person is registered, field by field, so nothing is left out of the export
and the erasure. The check is a function so a test can show that it fails for a forgotten model."""

from django.apps import apps
from django.conf import settings

from haastemoottori.privacy import registry
from haastemoottori.privacy.registry import Erasure


def unregistered_user_links() -> list[str]:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    known = registry.registered()
    missing = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                spec = known.get(model)
                if spec is None or field.name not in spec.fields:
                    missing.append(f"{model._meta.label}.{field.name}")
    return missing


def test_every_foreign_key_to_the_user_model_is_registered():
    assert unregistered_user_links() == []


def test_the_check_notices_a_model_nobody_registered(monkeypatch):
    from haastemoottori.alerts.models import Follow

    without = {m: s for m, s in registry._registry.models.items() if m is not Follow}
    monkeypatch.setattr(registry._registry, "models", without)
    assert unregistered_user_links() == ["alerts.Follow.user"]


def test_registered_fields_point_at_the_user_model():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model, spec in registry.registered().items():
        for name, policy in spec.fields.items():
            assert model._meta.get_field(name).related_model is user_model, (model, name)
            assert isinstance(policy, Erasure)


def test_the_persons_own_rows_are_deleted_and_shared_records_kept():
    from haastemoottori.alerts.models import Follow
    from haastemoottori.proposals.models import Proposal

    known = registry.registered()
    assert known[Follow].fields["user"] is Erasure.DELETE
    assert set(known[Proposal].fields.values()) == {Erasure.DETACH}
