"""Pages of trigger documents. Every fetch goes through triggers.permissions.access_document."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crisisportal.models import Crisis, Meeting, Post
from crisisportal.permissions import access_meeting, crises_for_user, posts_for_user
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import add_service_errors
from triggers import selectors, services
from triggers.forms import (
    CompareForm,
    DocumentForm,
    EventForm,
    JudgementScenarioForm,
    MeasureForm,
    ObservationForm,
    OwnerContactForm,
    ParticipantsForm,
    PositionForm,
    ReviewHoldForm,
    ScenarioForm,
    SmallGroupReviewForm,
    WorsenedForm,
)
from triggers.models import (
    NonLikeMindedPosition,
    DocumentExport,
    DocumentParticipant,
    Measure,
    OwnerContact,
    PrecursorEvent,
    Review,
    ReviewParticipant,
    Scenario,
    TriggerDocument,
)
from triggers.permissions import access_document, can_create_document, documents_for_user
from triggers.versioning import snapshots_diff


def _to_document(document: TriggerDocument) -> HttpResponse:
    return redirect("triggers:document-detail", document_id=document.pk)


def _form_page(
    request: AuthenticatedRequest,
    form: Any,
    document: TriggerDocument | None,
    heading: str,
    submit: str,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    context = {"form": form, "document": document, "heading": heading, "submit": submit}
    context.update(extra or {})
    return render(request, "triggers/form.html", context)


def _choosable_posts(user: Any, document: TriggerDocument | None = None) -> Any:
    """Posts a user may put a document on: every post for DCC staff, else their own
    (and, when editing, the posts the document already has)."""
    allowed = Q(pk__in=posts_for_user(user).values("pk")) | Q(memberships__user=user)
    if document is not None:
        allowed |= Q(trigger_documents=document)
    return Post.objects.filter(pk__in=Post.objects.filter(allowed).values("pk")).order_by("name")


@login_required
def document_list(request: AuthenticatedRequest) -> HttpResponse:
    documents = documents_for_user(request.user).select_related("crisis").prefetch_related("posts")
    return render(
        request,
        "triggers/document_list.html",
        {"documents": documents, "can_create": can_create_document(request.user)},
    )


@login_required
def document_create(request: AuthenticatedRequest) -> HttpResponse:
    if not can_create_document(request.user):
        raise Http404
    crises = crises_for_user(request.user, "work_crisis")
    initial = {"crisis": request.GET.get("crisis")} if request.GET.get("crisis") else {}
    form = DocumentForm(
        request.POST or None,
        initial=initial,
        crises=crises,
        posts=_choosable_posts(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            document = services.trigger_document_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The trigger document has been created."))
            return _to_document(document)
    return _form_page(request, form, None, _("New trigger document"), _("Create document"))


@login_required
def document_edit(request: AuthenticatedRequest, document_id: str) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    crises = crises_for_user(request.user, "work_crisis")
    if document.crisis_id:
        crises = Crisis.objects.filter(Q(pk__in=crises.values("pk")) | Q(pk=document.crisis_id))
    posts = _choosable_posts(request.user, document)
    initial = {
        "title": document.title,
        "crisis": document.crisis_id,
        "posts": list(document.posts.all()),
        "review_weekday": document.review_weekday,
        "review_time": document.review_time,
        "active": document.active,
    }
    form = DocumentForm(request.POST or None, initial=initial, crises=crises, posts=posts)
    if request.method == "POST" and form.is_valid():
        try:
            services.trigger_document_update(
                actor=request.user, document=document, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The settings have been saved."))
            return _to_document(document)
    return _form_page(request, form, document, _("Document settings"), _("Save"))


@login_required
def document_detail(request: AuthenticatedRequest, document_id: str) -> HttpResponse:
    access = access_document(request.user, document_id)
    document = access.document
    reviews = selectors.document_reviews(document)
    owner_contacts = selectors.document_owner_contacts(document)
    context = {
        "document": document,
        "can_edit": access.can_edit,
        "participants": selectors.document_participants(document),
        "owner_contacts": owner_contacts,
        "scenarios": selectors.document_scenarios(document, owner_contacts),
        "positions": list(document.positions.all()),
        "held_reviews": [r for r in reviews if r.is_held],
        "open_reviews": [r for r in reviews if not r.is_held],
        "versions": selectors.document_versions(document),
        "latest_export": selectors.document_latest_export(document),
    }
    return render(request, "triggers/document_detail.html", context)


@login_required
def participants_edit(request: AuthenticatedRequest, document_id: str) -> HttpResponse:
    """The standing participants of the document's weekly review."""
    document = access_document(request.user, document_id, write=True).document
    participants = selectors.document_participants(document)
    initial: dict[str, Any] = {
        "users": [p.user for p in participants if p.user_id],
        "posts": [p.post for p in participants if p.post_id],
        "guests": document.review_guests,
    }
    initial.update({f"ministry_{p.organisation}": p.email for p in participants if p.email})
    form = ParticipantsForm(
        request.POST or None,
        initial=initial,
        users=selectors.participant_candidates(document),
        posts=document.posts.order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.document_participants_set(
                actor=request.user, document=document, **form.service_arguments()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The review participants have been saved."))
            return _to_document(document)
    return _form_page(
        request, form, document, _("Participants of the weekly review"), _("Save participants")
    )


@login_required
def owner_contact_edit(
    request: AuthenticatedRequest, document_id: str, contact_id: int | None = None
) -> HttpResponse:
    """How a measure owner without an account (a directorate, Defence, a ministry) is reached."""
    document = access_document(request.user, document_id, write=True).document
    contact = (
        get_object_or_404(OwnerContact, document=document, pk=contact_id) if contact_id else None
    )
    initial = {k: getattr(contact, k) for k in ("kind", "name", "email")} if contact else {}
    form = OwnerContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.owner_contact_save(
                actor=request.user, document=document, contact=contact, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The owner contact has been saved."))
            return _to_document(document)
    heading = _("Edit owner contact") if contact else _("Add an owner contact")
    return _form_page(request, form, document, heading, _("Save contact"))


@login_required
def scenario_edit(
    request: AuthenticatedRequest, document_id: str, scenario_id: int | None = None
) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    scenario = (
        get_object_or_404(Scenario, document=document, pk=scenario_id) if scenario_id else None
    )
    initial = (
        {k: getattr(scenario, k) for k in ("kind", "title", "description", "assessment")}
        if scenario
        else {}
    )
    form = ScenarioForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.scenario_save(
                actor=request.user, document=document, scenario=scenario, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The scenario has been saved."))
            return _to_document(document)
    heading = _("Edit scenario") if scenario else _("Add a scenario")
    return _form_page(request, form, document, heading, _("Save scenario"))


@login_required
def event_edit(
    request: AuthenticatedRequest,
    document_id: str,
    scenario_id: int | None = None,
    event_id: int | None = None,
) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    if event_id:
        event = get_object_or_404(
            PrecursorEvent.objects.select_related("scenario"),
            scenario__document=document,
            pk=event_id,
        )
        scenario = event.scenario
    else:
        event = None
        scenario = get_object_or_404(Scenario, document=document, pk=scenario_id)
    initial = {"title": event.title, "description": event.description} if event else {}
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.precursor_event_save(
            actor=request.user, scenario=scenario, event=event, **form.cleaned_data
        )
        messages.success(request, _("The precursor event has been saved."))
        return _to_document(document)
    heading = _("Edit precursor event") if event else _("Add a precursor event")
    return _form_page(
        request, form, document, heading, _("Save event"), {"subheading": scenario.title}
    )


@login_required
def event_observe(request: AuthenticatedRequest, document_id: str, event_id: int) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    event = get_object_or_404(
        PrecursorEvent.objects.select_related("scenario"), scenario__document=document, pk=event_id
    )
    form = ObservationForm(
        request.POST or None,
        initial={"status": event.status},
        sitreps=selectors.observation_sitreps(request.user, document),
        picture_items=selectors.observation_picture_items(request.user, document),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.precursor_event_observe(actor=request.user, event=event, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The observation has been recorded."))
            return _to_document(document)
    observations = event.observations.select_related(
        "recorded_by", "sitrep__post", "picture_item__meeting"
    )
    return _form_page(
        request,
        form,
        document,
        _("Record an observation"),
        _("Record observation"),
        {"subheading": event.title, "observations": observations},
    )


def _measure_contacts(document: TriggerDocument) -> Any:
    people = Q(post_memberships__post__in=document.posts.all())
    if document.crisis_id:
        people |= Q(crisis_memberships__crisis_id=document.crisis_id)
    return get_user_model().objects.filter(people, is_active=True).distinct().order_by("email")


@login_required
def measure_edit(
    request: AuthenticatedRequest,
    document_id: str,
    event_id: int | None = None,
    measure_id: int | None = None,
) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    if measure_id:
        measure = get_object_or_404(
            Measure.objects.select_related("event__scenario"),
            event__scenario__document=document,
            pk=measure_id,
        )
        event = measure.event
    else:
        measure = None
        event = get_object_or_404(
            PrecursorEvent.objects.select_related("scenario"),
            scenario__document=document,
            pk=event_id,
        )
    fields = ("title", "owner", "owner_detail", "owner_contact", "status", "deadline")
    initial = {k: getattr(measure, k) for k in fields} if measure else {}
    form = MeasureForm(request.POST or None, initial=initial, contacts=_measure_contacts(document))
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_save(
                actor=request.user, event=event, measure=measure, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The measure has been saved."))
            return _to_document(document)
    heading = _("Edit measure") if measure else _("Add a measure")
    return _form_page(
        request, form, document, heading, _("Save measure"), {"subheading": event.title}
    )


@login_required
def scenario_worsened(
    request: AuthenticatedRequest, document_id: str, scenario_id: int
) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    scenario = get_object_or_404(Scenario, document=document, pk=scenario_id)
    form = WorsenedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.scenario_worsened_declare(
                actor=request.user, scenario=scenario, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision has been recorded."))
            return _to_document(document)
    return _form_page(
        request,
        form,
        document,
        _("Has the scenario worsened?"),
        _("Record decision"),
        {"subheading": scenario.title},
    )


@login_required
def position_edit(
    request: AuthenticatedRequest, document_id: str, position_id: int | None = None
) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    position = (
        get_object_or_404(NonLikeMindedPosition, document=document, pk=position_id)
        if position_id
        else None
    )
    initial = (
        {
            "country": position.country.code,  # type: ignore[attr-defined]
            "position_text": position.position,
            "why_not_us": position.why_not_us,
        }
        if position
        else {}
    )
    form = PositionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.non_like_minded_position_save(
                actor=request.user, document=document, position=position, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The position has been saved."))
            return _to_document(document)
    return _form_page(
        request, form, document, _("Position of a non-like-minded country"), _("Save position")
    )


ITEM_MODELS: dict[str, tuple[Any, str]] = {
    "scenarios": (Scenario, "document"),
    "events": (PrecursorEvent, "scenario__document"),
    "measures": (Measure, "event__scenario__document"),
    "positions": (NonLikeMindedPosition, "document"),
    "owner-contacts": (OwnerContact, "document"),
}


@login_required
@require_POST
def item_delete(
    request: AuthenticatedRequest, document_id: str, kind: str, item_id: int
) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    if kind not in ITEM_MODELS:
        raise Http404
    model, path = ITEM_MODELS[kind]
    item = get_object_or_404(model, pk=item_id, **{path: document})
    services.document_item_delete(actor=request.user, document=document, item=item)
    messages.success(request, _("Removed. Earlier versions keep it."))
    return _to_document(document)


@login_required
def version_compare(request: AuthenticatedRequest, document_id: str) -> HttpResponse:
    document = access_document(request.user, document_id).document
    versions = selectors.document_versions(document)
    numbers = sorted(v.number for v in versions)
    data = request.GET if "a" in request.GET else None
    initial = {"a": numbers[-2] if len(numbers) > 1 else numbers[0], "b": numbers[-1]}
    form = CompareForm(data, initial=initial, numbers=numbers)
    changes = None
    pair: list[Any] = []
    if form.is_valid():
        a, b = sorted([form.cleaned_data["a"], form.cleaned_data["b"]])
        pair = selectors.version_pair(document, [a, b])
        if len(pair) == 1:
            pair = [pair[0], pair[0]]
        changes = snapshots_diff(pair[0].snapshot, pair[1].snapshot)
    return render(
        request,
        "triggers/version_compare.html",
        {"document": document, "form": form, "changes": changes, "pair": pair},
    )


@login_required
def review_hold(request: AuthenticatedRequest, document_id: str, review_id: int) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    review = get_object_or_404(Review, document=document, pk=review_id, held_on__isnull=True)
    participants = ReviewParticipant.objects.filter(review=review).select_related("user", "post")
    form = ReviewHoldForm(
        request.POST or None, initial={"guests": document.review_guests}, participants=participants
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.review_hold(actor=request.user, review=review, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The review has been recorded."))
            return redirect("triggers:review-detail", document_id=document.pk, review_id=review.pk)
    return _form_page(request, form, document, _("Record the weekly review"), _("Record review"))


@login_required
def review_small_group(request: AuthenticatedRequest, document_id: str) -> HttpResponse:
    document = access_document(request.user, document_id, write=True).document
    meetings = Meeting.objects.filter(crisis=document.crisis).order_by("-scheduled_at")
    initial = {"meeting": request.GET.get("meeting")} if request.GET.get("meeting") else {}
    participants = DocumentParticipant.objects.filter(document=document).select_related(
        "user", "post"
    )
    form = SmallGroupReviewForm(
        request.POST or None, initial=initial, meetings=meetings, participants=participants
    )
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_small_group_hold(
                actor=request.user, document=document, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The review has been recorded."))
            return redirect("triggers:review-detail", document_id=document.pk, review_id=review.pk)
    return _form_page(request, form, document, _("Record a small-group review"), _("Record review"))


@login_required
def review_detail(request: AuthenticatedRequest, document_id: str, review_id: int) -> HttpResponse:
    document = access_document(request.user, document_id).document
    review = get_object_or_404(
        Review.objects.select_related(
            "approved_version", "held_recorded_by", "meeting"
        ).prefetch_related(selectors.review_participants_prefetch()),
        document=document,
        pk=review_id,
    )
    previous = services.review_previous_approved(review)
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


@login_required
@require_POST
def export_request(request: AuthenticatedRequest, document_id: str) -> HttpResponse:
    document = access_document(request.user, document_id).document
    services.document_export_request(actor=request.user, document=document)
    messages.success(request, _("The PDF is being prepared; reload the page in a moment."))
    return _to_document(document)


@login_required
def export_download(
    request: AuthenticatedRequest, document_id: str, export_id: str
) -> HttpResponseBase:
    document = access_document(request.user, document_id).document
    export = get_object_or_404(
        DocumentExport, document=document, pk=export_id, finished_at__isnull=False
    )
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"trigger-document-{export.finished_at:%Y%m%d-%H%M}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_POST
def judgement_scenario_link(request: AuthenticatedRequest, meeting_id: str) -> HttpResponse:
    """Link a judgement of a BOB meeting to a scenario (from the meeting page)."""
    crisis_id = Meeting.objects.filter(pk=meeting_id).values_list("crisis_id", flat=True).first()
    crisis, meeting = access_meeting(request.user, crisis_id, meeting_id, write=True)
    form = JudgementScenarioForm(
        request.POST,
        judgements=meeting.judgements.all(),
        scenarios=selectors.crisis_scenarios(request.user, crisis),
    )
    if form.is_valid():
        try:
            services.judgement_scenario_link(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The judgement has been linked to the scenario."))
    else:
        messages.error(request, _("Choose a judgement and a scenario."))
    return redirect("crisisportal:meeting-detail", crisis_id=crisis.pk, meeting_id=meeting.pk)
