"""The public help-request page: no account, no personal data in the URL."""

from functools import partial

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from crisisportal.views.forms_support import form_action
from evacuation.forms.public import HelpRequestForm
from evacuation.permissions import access_public_crisis
from evacuation.services.help_requests import help_request_submit
from registration.services.registrations import public_form_rate_limited

# Filled in only by bots: the field is out of sight and out of the tab order for people.
HONEYPOT_FIELD = "website"


def help_request_new(request: HttpRequest, crisis_id: str) -> HttpResponse:
    """The public help-request form.

    Every accepted submission ends on the same thanks page, whether the person was known,
    had asked before or is new (no enumeration); a filled honeypot gets that page too but
    stores nothing; too many attempts from one address or one contact get a 429."""
    crisis = access_public_crisis(crisis_id)
    form = HelpRequestForm(request.POST or None, request.FILES or None)
    status = 200

    def thanks(_result: object = None) -> HttpResponse:
        return redirect("evacuation:help-request-thanks", crisis_id=crisis.pk)

    if request.method == "POST" and request.POST.get(HONEYPOT_FIELD):
        return thanks()
    if request.method == "POST" and form.is_valid():
        if _rate_limited(request, form):
            form.add_error(
                None,
                _("Too many requests were sent from here or for this contact. Try again later."),
            )
            status = 429
        elif response := form_action(
            request, form, partial(help_request_submit, crisis=crisis), done=thanks
        ):
            return response
    return render(
        request,
        "evacuation/help_request_form.html",
        {"form": form, "crisis": crisis, "honeypot": HONEYPOT_FIELD},
        status=status,
    )


def _rate_limited(request: HttpRequest, form: HelpRequestForm) -> bool:
    """Counts this attempt against the sender's address and the contact given."""
    contact = form.cleaned_data["email"] or "".join(
        c for c in form.cleaned_data["phone"] if c.isdigit()
    )
    return public_form_rate_limited(
        scope="help-request",
        ip=request.META.get("REMOTE_ADDR", ""),
        identity=contact,
        per_ip=settings.HELP_REQUEST_RATE_LIMIT_PER_IP,
        per_identity=settings.HELP_REQUEST_RATE_LIMIT_PER_CONTACT,
    )


def help_request_thanks(request: HttpRequest, crisis_id: str) -> HttpResponse:
    return render(request, "evacuation/help_request_thanks.html")
