"""Help requests from the public page and their triage by call teams.

A request is not a case: a call-team member claims it (no two members work the same
request), then turns it into a person and a case, or closes it with a reason. The same
person submitting twice (same name and date of birth) adds a submission to one request."""

import unicodedata
from collections.abc import Sequence
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from crisisportal.models import Crisis
from crisisportal.services.audit import audit_context
from crisisportal.services.records import record_save
from evacuation import people
from evacuation.exceptions import AlreadyClaimed
from evacuation.models.cases import EvacuationCase
from evacuation.models.choices import BASIS_PRIORITY, ClaimedBasis, HelpRequestStatus
from evacuation.models.documents import EvacuationDocument
from evacuation.models.requests import HelpRequest, HelpRequestSubmission
from evacuation.services.cases import case_create
from evacuation.services.documents import documents_check, submission_documents_add
from evacuation.services.teams import team_of


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join(
        "".join(c for c in decomposed if not unicodedata.combining(c)).replace("-", " ").split()
    )


def help_request_key(given_names: str, family_name: str, date_of_birth: date) -> str:
    return f"{_normalise(given_names)}|{_normalise(family_name)}|{date_of_birth.isoformat()}"


@transaction.atomic
def help_request_submit(
    *,
    crisis: Crisis,
    given_names: str,
    family_name: str,
    date_of_birth: date,
    claimed_basis: str,
    location: str,
    nationality: str = "",
    basis_detail: str = "",
    companions: str = "",
    phone: str = "",
    email: str = "",
    documents: str = "",
    language: str | None = None,
    attachments: Sequence[UploadedFile] = (),
) -> HelpRequestSubmission:
    """Record a submission from the public page (no account, so the actor is 'public').

    Uploaded files are checked by content before anything is written: one bad file and
    nothing of the submission is stored."""
    if crisis.is_closed:
        raise ValidationError(_("This crisis is closed; help requests are no longer taken."))
    if not (phone.strip() or email.strip()):
        raise ValidationError({"phone": _("Give a phone number or an email address.")})
    checked = documents_check(attachments)
    key = help_request_key(given_names, family_name, date_of_birth)
    priority = BASIS_PRIORITY.get(ClaimedBasis(claimed_basis), 5)
    with audit_context("public-help-request"):
        try:
            with transaction.atomic():
                request, created = HelpRequest.objects.get_or_create(
                    crisis=crisis, dedupe_key=key, defaults={"priority": priority}
                )
        except IntegrityError:
            # A simultaneous first submission of the same person won the insert.
            request, created = HelpRequest.objects.get(crisis=crisis, dedupe_key=key), False
        updates: list[str] = []
        if not created and priority < request.priority:
            request.priority = priority
            updates.append("priority")
        if request.person_id is None:
            known = people.find_known(
                given_names=given_names, family_name=family_name, date_of_birth=date_of_birth
            )
            if known is not None:
                request.person = known
                updates.append("person")
        if request.status == HelpRequestStatus.CLOSED:
            # The person asks again after a closure: back into the queue.
            request.status = HelpRequestStatus.OPEN
            request.claimed_by = None
            request.claimed_at = None
            updates += ["status", "claimed_by", "claimed_at"]
        if updates:
            request.save(update_fields=[*updates, "updated_at"])
        submission = record_save(
            HelpRequestSubmission(
                request=request,
                language=language or get_language() or "en",
                given_names=given_names,
                family_name=family_name,
                date_of_birth=date_of_birth,
                nationality=nationality,
                claimed_basis=claimed_basis,
                basis_detail=basis_detail,
                companions=companions,
                phone=phone,
                email=email,
                location=location,
                documents=documents,
            )
        )
        submission_documents_add(submission=submission, checked=checked)
        return submission


def help_request_claim(*, actor: User, request: HelpRequest) -> HelpRequest:
    """Claim an open request. One conditional UPDATE: of two members claiming at the same
    time exactly one changes the row; the other gets AlreadyClaimed."""
    with audit_context(actor):
        claimed = HelpRequest.objects.filter(
            pk=request.pk, status=HelpRequestStatus.OPEN, claimed_by__isnull=True
        ).update(
            status=HelpRequestStatus.CLAIMED,
            claimed_by=actor,
            claimed_at=timezone.now(),
            updated_at=timezone.now(),
        )
    if not claimed:
        raise AlreadyClaimed(_("Someone else is already working on this request."))
    return HelpRequest.objects.get(pk=request.pk)


def help_request_release(*, actor: User, request: HelpRequest) -> None:
    with audit_context(actor):
        HelpRequest.objects.filter(
            pk=request.pk, status=HelpRequestStatus.CLAIMED, claimed_by=actor
        ).update(status=HelpRequestStatus.OPEN, claimed_by=None, claimed_at=None)


def _locked_claimed_by(actor: User, request: HelpRequest) -> HelpRequest:
    locked = HelpRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != HelpRequestStatus.CLAIMED or locked.claimed_by_id != actor.pk:
        raise AlreadyClaimed(_("Claim the request before working on it."))
    return locked


@transaction.atomic
def help_request_convert(
    *, actor: User, request: HelpRequest, nationalities: list[str] | None = None
) -> EvacuationCase:
    """Turn a claimed request into a person (unless already known) and a case owned by the
    member who triaged it."""
    locked = _locked_claimed_by(actor, request)
    latest = locked.submissions.order_by("-submitted_at").first()
    assert latest is not None
    with audit_context(actor):
        person = locked.person
        if person is None:
            person = people.person_create(
                actor=actor,
                given_names=latest.given_names,
                family_name=latest.family_name,
                date_of_birth=latest.date_of_birth,
                nationalities=nationalities
                if nationalities is not None
                else ([latest.nationality] if latest.nationality else []),
                phone=latest.phone,
                email=latest.email,
            )
        existing = EvacuationCase.objects.filter(crisis=locked.crisis, person=person).first()
        case = existing or case_create(
            actor=actor,
            crisis=locked.crisis,
            person=person,
            owner=actor,
            # The request's team keeps the case; else the triaging member's own team.
            team=locked.team or team_of(actor, locked.crisis),
            accompanying=latest.companions,
        )
        # The documents sent with the request become the case's documents.
        EvacuationDocument.objects.filter(submission__request=locked).update(case=case)
        locked.person = person
        locked.case = case
        locked.status = HelpRequestStatus.CONVERTED
        locked.save(update_fields=["person", "case", "status", "updated_at"])
        return case


@transaction.atomic
def help_request_close(*, actor: User, request: HelpRequest, reason: str) -> HelpRequest:
    if not reason.strip():
        raise ValidationError({"reason": _("State why the request is closed.")})
    locked = _locked_claimed_by(actor, request)
    with audit_context(actor):
        locked.status = HelpRequestStatus.CLOSED
        locked.close_reason = reason
        locked.save(update_fields=["status", "close_reason", "updated_at"])
        return locked
