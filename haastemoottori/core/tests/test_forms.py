"""A service error shown on a form: at the input it names, else on the whole form."""

from django import forms

from haastemoottori.core.errors import ErrorCodeEnum, ServiceValidationError
from haastemoottori.core.forms import add_service_error


class _Code(ErrorCodeEnum):
    WRONG = "wrong"


class _Form(forms.Form):
    title = forms.CharField(required=False)
    score = forms.IntegerField(required=False)


class _TranslatedForm(_Form):
    def error_field(self, field):
        return "title" if field == "name" else None


def _errors(form, exc):
    form.is_valid()
    add_service_error(form, exc)
    return {name: list(errors) for name, errors in form.errors.items()}


def test_a_service_error_goes_to_the_field_it_names_else_to_the_form():
    assert _errors(_Form({}), ServiceValidationError(_Code.WRONG, "Liian pitkä.", field="title")) == {
        "title": ["Liian pitkä."]
    }
    assert _errors(_Form({}), ServiceValidationError(_Code.WRONG, "Liian pitkä.", field="other")) == {
        "__all__": ["Liian pitkä."]
    }
    assert _errors(_Form({}), ServiceValidationError(_Code.WRONG, "Ei käy.")) == {"__all__": ["Ei käy."]}


def test_an_error_of_reasons_shows_each_reason_and_a_form_may_name_the_input():
    reasons = [
        ServiceValidationError(_Code.WRONG, "Pisteet puuttuvat.", field="score"),
        ServiceValidationError(_Code.WRONG, "Tarkista."),
    ]
    assert _errors(_Form({}), ServiceValidationError(_Code.WRONG, "Tarkista pisteet.", reasons=reasons)) == {
        "score": ["Pisteet puuttuvat."],
        "__all__": ["Tarkista."],
    }
    assert _errors(_TranslatedForm({}), ServiceValidationError(_Code.WRONG, "Nimi puuttuu.", field="name")) == {
        "title": ["Nimi puuttuu."]
    }
