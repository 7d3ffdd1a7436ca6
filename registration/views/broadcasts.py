"""Staff pages of travel advice and broadcasts: current advice per country, a country's
version history with what changed, publishing a new version, embassy messages, and the
broadcasts with their delivery counts and failed deliveries (retry).

Publishing and sending go through registration.services.broadcasts, which fans out via
Celery; these pages only show the progress the worker makes.
"""

from functools import partial
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_countries import countries

from crisisportal.services.audit import personal_data_viewed
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import form_action, service_errors_in_form
from registration.forms.broadcasts import (
    BaseRegionColourFormSet,
    EmbassyMessageForm,
    RegionColourFormSet,
    TravelAdviceForm,
)
from registration.models import Broadcast
from registration.permissions import (
    access_broadcast,
    access_travel_advice_country,
    broadcasts_visible,
    can_publish_travel_advice,
    embassy_message_countries,
    may_retry_broadcast,
    may_send_embassy_message,
    registrations_visible,
    require_registration_staff,
)
from registration.selectors import broadcasts as broadcast_selectors
from registration.selectors.travel_advice import travel_advice_current, travel_advice_history
from registration.services.broadcasts import (
    broadcast_retry_failed,
    embassy_message_send,
    travel_advice_publish,
)
from registration.views.helpers import PAGE_SIZE

# Travel advice ---------------------------------------------------------------------------


@login_required
def travel_advice_list(request: AuthenticatedRequest) -> HttpResponse:
    require_registration_staff(request.user)
    if country := request.GET.get("country"):  # the "advice for another country" chooser
        code = access_travel_advice_country(request.user, str(country))
        return redirect("registration:travel-advice-country", country=code)
    return render(
        request,
        "registration/registers/travel_advice_list.html",
        {
            "current": travel_advice_current(),
            "can_publish": can_publish_travel_advice(request.user),
            "countries": list(countries) if can_publish_travel_advice(request.user) else [],
        },
    )


@login_required
def travel_advice_country(request: AuthenticatedRequest, country: str) -> HttpResponse:
    """The version history of a country's advice; who may publish gets the form for the
    next version, filled in with the current one."""
    code = access_travel_advice_country(request.user, country)
    can_publish = can_publish_travel_advice(request.user)
    if request.method == "POST" and not can_publish:
        raise Http404
    history = travel_advice_history(code)
    current = history[0].advice if history else None
    form = TravelAdviceForm(
        request.POST or None,
        initial={"colour": current.colour, "text": current.text} if current else None,
    )
    regions = cast(
        BaseRegionColourFormSet,
        RegionColourFormSet(
            request.POST or None,
            prefix="regions",
            # Only unbound: a bound row equal to its initial value counts as unchanged and
            # would be dropped as an empty extra row.
            initial=None
            if request.method == "POST"
            else [
                {"region": region, "colour": colour}
                for region, colour in sorted((current.regions if current else {}).items())
            ],
        ),
    )
    if request.method == "POST":
        form_valid, regions_valid = form.is_valid(), regions.is_valid()
        if form_valid and regions_valid:
            with service_errors_in_form(form):
                advice = travel_advice_publish(
                    actor=request.user,
                    country=code,
                    colour=form.cleaned_data["colour"],
                    text=form.cleaned_data["text"],
                    regions=regions.regions(),
                )
                messages.success(
                    request,
                    _("Version %(version)s of the travel advice is published.")
                    % {"version": advice.version},
                )
                return _to_broadcast(advice.broadcasts.get())
    return render(
        request,
        "registration/registers/travel_advice_country.html",
        {
            "country": code,
            "country_name": countries.name(code),
            "history": history,
            "current": current,
            "can_publish": can_publish,
            "form": form,
            "regions": regions,
        },
    )


# Embassy messages ------------------------------------------------------------------------


@login_required
def embassy_message_new(request: AuthenticatedRequest) -> HttpResponse:
    """A message to the extended registrants of one country (DCC: any, post staff: theirs)."""
    choosable = embassy_message_countries(request.user)
    if choosable == []:
        raise Http404
    form = EmbassyMessageForm(
        request.POST or None,
        countries_choosable=choosable,
        initial={"country": str(request.GET.get("country", "")).upper()[:2]},
    )
    # The form's choices say so already; checked again before anything is sent.
    posted = request.method == "POST" and form.is_valid()
    if posted and not may_send_embassy_message(request.user, form.cleaned_data["country"]):
        raise Http404
    return form_action(
        request,
        form,
        partial(embassy_message_send, actor=request.user),
        success=_("The message is being sent."),
        done=_to_broadcast,
    ) or render(request, "registration/registers/embassy_message_form.html", {"form": form})


def _to_broadcast(broadcast: Broadcast) -> HttpResponse:
    return redirect("registration:broadcast-detail", broadcast_id=broadcast.pk)


# Broadcasts ------------------------------------------------------------------------------


@login_required
def broadcast_list(request: AuthenticatedRequest) -> HttpResponse:
    require_registration_staff(request.user)
    page = Paginator(
        broadcast_selectors.broadcast_list(broadcasts_visible(request.user)), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "registration/registers/broadcast_list.html",
        {"page": page, "broadcasts": list(page.object_list)},
    )


def _broadcast_context(request: AuthenticatedRequest, broadcast: Broadcast) -> dict[str, Any]:
    counts = broadcast_selectors.broadcast_counts(broadcast)
    failed = broadcast_selectors.broadcast_failed_deliveries(
        broadcast, visible_registrations=registrations_visible(request.user)
    )
    personal_data_viewed(
        actor=request.user,
        view_name="registration:broadcast-detail",
        objects=[row.delivery.registration for row in failed if row.registration_visible],
    )
    return {
        "broadcast": broadcast,
        "counts": counts,
        "failed": failed,
        "failed_not_shown": max(counts["failed"] - len(failed), 0),
        # Until every recipient has a delivery row the counts can still grow.
        "in_progress": broadcast.fanned_out_at is None or counts["pending"] > 0,
        "can_retry": may_retry_broadcast(request.user, broadcast),
    }


@login_required
def broadcast_detail(request: AuthenticatedRequest, broadcast_id: str) -> HttpResponse:
    """The counts; an htmx poll re-renders only the progress part while it is in progress."""
    broadcast = access_broadcast(request.user, broadcast_id)
    context = _broadcast_context(request, broadcast)
    if request.headers.get("HX-Request"):
        return render(request, "registration/registers/_broadcast_progress.html", context)
    return render(request, "registration/registers/broadcast_detail.html", context)


@login_required
@require_POST
def broadcast_retry(request: AuthenticatedRequest, broadcast_id: str) -> HttpResponse:
    broadcast = access_broadcast(request.user, broadcast_id)
    if not may_retry_broadcast(request.user, broadcast):
        raise Http404
    requeued = broadcast_retry_failed(actor=request.user, broadcast=broadcast)
    if requeued:
        messages.success(
            request,
            ngettext(
                "%(count)s failed delivery is queued again.",
                "%(count)s failed deliveries are queued again.",
                requeued,
            )
            % {"count": requeued},
        )
    else:
        messages.info(request, _("No failed email deliveries to retry."))
    return redirect("registration:broadcast-detail", broadcast_id=broadcast.pk)
