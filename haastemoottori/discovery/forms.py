from django import forms
from django.utils.translation import gettext_lazy as _

from haastemoottori.search.models import SearchDocument


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search words"),
        max_length=200,
        required=False,
        help_text=_("In Finnish, Swedish or English: results in every language are found."),
    )
    kind = forms.ChoiceField(
        label=_("Search in"),
        required=False,
        choices=[
            ("", _("Challenges and organisations")),
            (SearchDocument.Kind.CHALLENGE, _("Challenges")),
            (SearchDocument.Kind.ORGANISATION, _("Companies and research organisations")),
        ],
    )
