"""The public side: a resident suggests a need to a city, and follows their own suggestions.

Only the person who sent a suggestion sees it here (with a rejection's reason); the public never sees any
signal. Anonymous visitors get the page with a sign-in link instead of the form.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.core.i18n import current_language

from . import services
from .forms import SuggestForm
from .selectors import signals_of_author, suggestion_cities
from .services.suggestions import MAX_SUGGESTIONS_PER_DAY


def signal_suggest_view(request):
    user = request.user
    if not user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        return render(request, "signals/suggest.html", {"form": None, "limit": MAX_SUGGESTIONS_PER_DAY})
    form = SuggestForm(request.POST or None, cities=suggestion_cities())
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.signal_suggest(
                    actor=user,
                    city=data["city"],
                    title=data["title"],
                    text=data["text"],
                    language=current_language(),
                    location_name=data["location_name"],
                    theme=data["theme"],
                    evidence_url=data["evidence_url"],
                )
            except ServiceError as exc:
                add_service_error(form, exc)
                status = exc.status
            else:
                messages.success(
                    request,
                    _("Thank you! Your suggestion was sent to the city. You will be told when it has been read."),
                )
                return redirect("signals:mine")
    return render(request, "signals/suggest.html", {"form": form, "limit": MAX_SUGGESTIONS_PER_DAY}, status=status)


@login_required
def my_suggestions(request):
    return render(request, "signals/mine.html", {"suggestions": list(signals_of_author(user=request.user))})
