"""Reviews of a trigger document: recording a held review and its page with what it approved."""

from collections.abc import Callable
from functools import partial

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from crisisportal.typing import AuthenticatedRequest
from triggers.forms.reviews import ReviewHoldForm, SmallGroupReviewForm
from triggers.models import Review, TriggerDocument
from triggers.permissions import access_document
from triggers.selectors.reviews import (
    document_meetings,
    document_standing_participants,
    review_invited,
    review_participants_prefetch,
    review_previous_approved,
)
from triggers.selectors.versions import snapshots_diff
from triggers.services.reviews import review_hold as review_hold_record
from triggers.services.reviews import review_small_group_hold
from triggers.views.support import document_form_view


def _to_review(review: Review) -> HttpResponse:
    return redirect("triggers:review-detail", document_id=review.document_id, review_id=review.pk)


def _review_form(
    request: AuthenticatedRequest,
    document: TriggerDocument,
    form: forms.BaseForm,
    service: Callable[..., Review],
    heading: str,
) -> HttpResponse:
    """Recording a held review (weekly or small-group); the review's page follows."""
    return document_form_view(
        request,
        document,
        form,
        service=service,
        success=_("The review has been recorded."),
        heading=heading,
        submit=_("Record review"),
        done=_to_review,
    )


@login_required
def review_hold(request: AuthenticatedRequest, document_id: str, review_id: int) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    review = get_object_or_404(Review, document=document, pk=review_id, held_on__isnull=True)
    form = ReviewHoldForm(
        request.POST or None,
        initial={"guests": document.review_guests},
        participants=review_invited(review),
    )
    return _review_form(
        request,
        document,
        form,
        partial(review_hold_record, review=review),
        _("Record the weekly review"),
    )


@login_required
def review_small_group(request: AuthenticatedRequest, document_id: str) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    initial = {"meeting": request.GET.get("meeting")} if request.GET.get("meeting") else {}
    form = SmallGroupReviewForm(
        request.POST or None,
        initial=initial,
        meetings=document_meetings(document),
        participants=document_standing_participants(document),
    )
    return _review_form(
        request,
        document,
        form,
        partial(review_small_group_hold, document=document),
        _("Record a small-group review"),
    )


@login_required
def review_detail(request: AuthenticatedRequest, document_id: str, review_id: int) -> HttpResponse:
    document = access_document(request.user, document_id).document
    review = get_object_or_404(
        Review.objects.select_related(
            "approved_version", "held_recorded_by", "meeting"
        ).prefetch_related(review_participants_prefetch()),
        document=document,
        pk=review_id,
    )
    previous = review_previous_approved(review)
    changes = None
    if review.approved_version is not None:
        changes = snapshots_diff(
            previous.snapshot if previous else {}, review.approved_version.snapshot
        )
    return render(
        request,
        "triggers/review_detail.html",
        {"document": document, "review": review, "previous": previous, "changes": changes},
    )
