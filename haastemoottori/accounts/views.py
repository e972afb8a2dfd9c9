from django.contrib.auth import views as auth_views
from django.utils import translation

from haastemoottori.core.i18n import language_codes

from .forms import EmailAuthenticationForm


class LoginView(auth_views.LoginView):
    """Sign in with an e-mail address. A failed attempt answers 400 with the errors in the page language."""

    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        language = form.get_user().preferred_language
        if language in language_codes() and language != translation.get_language():
            # Remember the preference for pages opened without a language prefix.
            response.set_cookie("django_language", language, samesite="Lax")
        return response
