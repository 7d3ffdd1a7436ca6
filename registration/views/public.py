"""Public pages of the self-registration of nationals abroad: no account, Dutch and English.

- No personal data and no secret in the URL of a page the registrant uses: the personal
  link from the email only opens the registration in the browser session and redirects
  at once to /register/my-registration (its secret is redacted from the logs, see
  registration.log_filters).
- No enumeration: registering and asking for a new link end on the same page whatever
  the address; a filled honeypot ends there too and stores nothing.
- Too many attempts from one IP address or for one email address answer 429.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from crisisportal.views.forms_support import service_errors_in_form
from registration.forms.public import (
    CONSENT_TEXTS,
    MEMBERS_PREFIX,
    MemberFormSet,
    NewLinkForm,
    RegistrationForm,
    RegistrationUpdateForm,
    form_values_as_initial,
    member_rows_as_initial,
)
from registration.models import NationalRegistration, RegistrationKind
from registration.selectors.registrations import registration_members
from registration.services.registrations import (
    registration_by_token,
    registration_confirm,
    registration_deregister,
    registration_link_rate_limited,
    registration_links_resend,
    registration_rate_limited,
    registration_submit,
    registration_update,
)
from registration.views.public_session import (
    registrant_session_close,
    registrant_session_open,
    registration_of_session,
)

# Filled in only by bots: the field is out of sight and out of the tab order for people
# (the same name as on the public help-request form).
HONEYPOT_FIELD = "website"
ADD_MEMBER = "add_member"


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of the registration: never cached (it may show personal data, and a shared
    computer's back button must not show it again).

    These pages keep the portal's `Referrer-Policy: same-origin` (no Referer leaves the
    portal, and their URLs hold nothing secret): under `no-referrer` browsers send
    `Origin: null` with a form, which the CSRF check rightly refuses. Only the personal
    link, whose URL holds the secret, answers `no-referrer` (see personal_link)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper


def _ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _too_many(form: Any) -> None:
    form.add_error(
        None,
        _(
            "Too many attempts were made from this connection or for this email address. "
            "Wait an hour and try again."
        ),
    )


def _member_formset(request: HttpRequest, initial: list[dict[str, Any]] | None = None) -> Any:
    """The family-member rows: bound to the POST, or (to add a row) the rows typed so far
    plus one empty row."""
    if request.method == "POST" and ADD_MEMBER not in request.POST:
        return MemberFormSet(request.POST, prefix=MEMBERS_PREFIX)
    if request.method == "POST":
        initial = member_rows_as_initial(request.POST)
    return MemberFormSet(initial=initial, prefix=MEMBERS_PREFIX)


# Registering -----------------------------------------------------------------------------


@public_page
def register_start(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/public/start.html", {"consent_texts": CONSENT_TEXTS})


@public_page
@require_http_methods(["GET", "POST"])
def register_form(request: HttpRequest, kind: str) -> HttpResponse:
    """The registration form of one type; the consent text of that type is shown and
    stored as shown."""
    if kind not in RegistrationKind.values:
        raise Http404
    if request.method == "POST" and request.POST.get(HONEYPOT_FIELD):
        return redirect("registration:check-email")
    adding_member = request.method == "POST" and ADD_MEMBER in request.POST
    if adding_member:
        form = RegistrationForm(
            kind=kind, initial=form_values_as_initial(RegistrationForm, request.POST)
        )
    else:
        form = RegistrationForm(request.POST or None, kind=kind)
    members = _member_formset(request)
    status = 200
    if request.method == "POST" and not adding_member:
        # Both validated, so every error of the page shows at once.
        valid = form.is_valid() & members.is_valid()
        if valid and registration_rate_limited(ip=_ip(request), email=form.cleaned_data["email"]):
            _too_many(form)
            status = 429
        elif valid:
            data = form.cleaned_data
            with service_errors_in_form(form):
                registration_submit(
                    kind=kind,
                    country=data["country"],
                    email=data["email"],
                    given_names=data["given_names"],
                    family_name=data["family_name"],
                    date_of_birth=data["date_of_birth"],
                    phone=data.get("phone", ""),
                    whereabouts=data.get("whereabouts", ""),
                    stay_from=data.get("stay_from"),
                    stay_until=data.get("stay_until"),
                    members=members.members(),
                    consent_text=form.consent_text,
                    language=get_language() or "nl",
                )
                return redirect("registration:check-email")
    return render(
        request,
        "registration/public/form.html",
        {
            "form": form,
            "members": members,
            "kind": kind,
            "kind_label": RegistrationKind(kind).label,
            "consent_text": form.consent_text,
            "honeypot": HONEYPOT_FIELD,
        },
        status=status,
    )


@public_page
def register_check_email(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/public/check_email.html")


# The personal link -----------------------------------------------------------------------


@public_page
def personal_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the email: confirms a pending registration, opens it in the session
    and redirects at once, so the secret leaves the address bar and the history; the
    secret is never a page's URL, so it can never be sent on as a Referer either."""
    registration = registration_by_token(token)
    if registration is None:
        # Unknown, replaced and ended links look the same; shown at a clean URL too, so
        # the secret is not in the page either (base.html's language switch repeats the
        # page's path).
        response = redirect("registration:link-invalid")
    else:
        registration_confirm(registration=registration)
        registrant_session_open(request.session, registration)
        response = redirect("registration:my-registration")
    response["Referrer-Policy"] = "no-referrer"
    return response


@public_page
def link_invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/public/link_invalid.html")


@public_page
@require_http_methods(["GET", "POST"])
def new_link(request: HttpRequest) -> HttpResponse:
    """Ask for a fresh personal link by email; the same answer whether or not the address
    has a registration."""
    if request.method == "POST" and request.POST.get(HONEYPOT_FIELD):
        return redirect("registration:new-link-sent")
    form = NewLinkForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if registration_link_rate_limited(ip=_ip(request), email=email):
            _too_many(form)
            status = 429
        else:
            registration_links_resend(email=email, language=get_language() or "nl")
            return redirect("registration:new-link-sent")
    return render(
        request,
        "registration/public/new_link.html",
        {"form": form, "honeypot": HONEYPOT_FIELD},
        status=status,
    )


@public_page
def new_link_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/public/new_link_sent.html")


# The registrant's own registration -------------------------------------------------------


def registrant_page(
    view: Callable[[HttpRequest, NationalRegistration], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """A public page of the registrant's own registration (GET and POST): reached only
    through a session that a personal link opened, else a page that says how to get a link."""

    @public_page
    @require_http_methods(["GET", "POST"])
    @wraps(view)
    def wrapper(request: HttpRequest) -> HttpResponse:
        registration = registration_of_session(request.session)
        if registration is None:
            return render(request, "registration/public/no_session.html")
        return view(request, registration)

    return wrapper


@registrant_page
def my_registration(request: HttpRequest, registration: NationalRegistration) -> HttpResponse:
    """View and change the registration this session opened with its personal link."""
    current = registration_members(registration)
    adding_member = request.method == "POST" and ADD_MEMBER in request.POST
    registrant = registration.registrant
    initial = {
        "whereabouts": registration.whereabouts,
        "phone": registrant.phone if registrant else "",
        "stay_until": registration.stay_until,
    }
    if adding_member:
        initial.update(form_values_as_initial(RegistrationUpdateForm, request.POST))
        form = RegistrationUpdateForm(kind=registration.kind, initial=initial)
    else:
        form = RegistrationUpdateForm(request.POST or None, kind=registration.kind, initial=initial)
    members = _member_formset(
        request,
        initial=[
            {
                "given_names": member.person.given_names,
                "family_name": member.person.family_name,
                "date_of_birth": member.person.date_of_birth,
                "kind": member.kind,
                "dependent": member.dependent,
            }
            for member in current
        ],
    )
    submitted = request.method == "POST" and not adding_member
    # Both validated, so every error of the page shows at once.
    if submitted and form.is_valid() & members.is_valid():
        # A limited registration has no stay to change, only its family members.
        changed = {**initial, **form.cleaned_data}
        with service_errors_in_form(form):
            registration_update(
                registration=registration,
                whereabouts=changed["whereabouts"],
                phone=changed["phone"],
                stay_until=changed["stay_until"],
                members=members.members(),
            )
            messages.success(request, _("Your registration has been updated."))
            return redirect("registration:my-registration")
    return render(
        request,
        "registration/public/my_registration.html",
        {
            "registration": registration,
            "registrant": registrant,
            "current_members": current,
            "form": form,
            "members": members,
        },
    )


@registrant_page
def deregister(request: HttpRequest, registration: NationalRegistration) -> HttpResponse:
    """Ending the registration deletes its personal data: asked once more, then done."""
    if request.method == "POST":
        registration_deregister(registration=registration)
        registrant_session_close(request.session)
        return redirect("registration:deregistered")
    return render(request, "registration/public/deregister.html", {"registration": registration})


@public_page
def deregistered(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/public/deregistered.html")
