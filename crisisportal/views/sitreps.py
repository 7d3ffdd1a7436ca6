"""Pages of situation reports and their alerts. Access rules: crisisportal.permissions."""

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from crisisportal.forms.sitreps import (
    AcknowledgeForm,
    AttachmentForm,
    CountryPositionForm,
    SitrepForm,
)
from crisisportal.models import SITREP_FIELDS, Crisis, Sitrep
from crisisportal.permissions import (
    access_alert,
    access_crisis,
    access_sitrep,
    access_sitrep_for_filing,
    crisis_permissions,
    own_post_ids,
    reportable_posts,
    sitreps_visible,
)
from crisisportal.selectors import sitreps as sitrep_selectors
from crisisportal.services.sitrep_alerts import alert_acknowledge
from crisisportal.services.sitreps import (
    sitrep_attachment_add,
    sitrep_attachment_remove,
    sitrep_correct,
    sitrep_draft_create,
    sitrep_draft_update,
    sitrep_position_add,
    sitrep_position_remove,
    sitrep_submit,
)
from crisisportal.typing import AuthenticatedRequest
from crisisportal.views.forms_support import SuccessMessage, form_action, service_action


def _to_sitrep(sitrep: Sitrep) -> HttpResponse:
    return redirect("crisisportal:sitrep-detail", crisis_id=sitrep.crisis_id, sitrep_id=sitrep.pk)


def _detail_context(
    request: AuthenticatedRequest,
    crisis: Crisis,
    sitrep: Sitrep,
    **forms: Form,
) -> dict[str, Any]:
    """The report's page; a form given as position_form or attachment_form shows its errors."""
    perms = crisis_permissions(request.user, crisis)
    can_file = sitrep.post_id in own_post_ids(request.user, crisis) and "report_crisis" in perms
    return {
        "crisis": crisis,
        "sitrep": sitrep,
        "can_file": can_file,
        "can_file_draft": can_file and sitrep.is_draft,
        "can_acknowledge": "work_crisis" in perms,
        "position_form": forms.get("position_form") or CountryPositionForm(prefix="position"),
        "attachment_form": forms.get("attachment_form") or AttachmentForm(prefix="attachment"),
        **sitrep_selectors.sitrep_detail(sitrep),
    }


@login_required
def sitrep_list(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis = access_crisis(request.user, crisis_id)
    perms = crisis_permissions(request.user, crisis)
    if "view_picture_crisis" not in perms and "report_crisis" not in perms:
        raise Http404
    rows = sitrep_selectors.post_reporting(request.user, crisis, perms)
    drafts = list(
        crisis.sitreps.filter(status="draft", post_id__in=own_post_ids(request.user, crisis))
        .select_related("post")
        .order_by("-created_at")
    )
    return render(
        request,
        "crisisportal/sitrep_list.html",
        {
            "crisis": crisis,
            "rows": rows,
            "drafts": drafts,
            "can_file": reportable_posts(request.user, crisis).exists(),
        },
    )


@login_required
def sitrep_timeline(request: AuthenticatedRequest, crisis_id: str, post_id: str) -> HttpResponse:
    crisis = access_crisis(request.user, crisis_id)
    perms = crisis_permissions(request.user, crisis)
    posts = sitrep_selectors.reporting_posts(request.user, crisis, perms)
    post = posts.filter(pk=post_id).first()
    if post is None:
        raise Http404
    sitreps = sitrep_selectors.post_timeline(
        crisis, sitreps_visible(request.user, crisis, perms), post
    )
    return render(
        request,
        "crisisportal/sitrep_timeline.html",
        {"crisis": crisis, "post": post, "sitreps": sitreps},
    )


@login_required
def sitrep_create(request: AuthenticatedRequest, crisis_id: str) -> HttpResponse:
    crisis = access_crisis(request.user, crisis_id, "report_crisis")
    posts = reportable_posts(request.user, crisis)
    if not posts.exists():
        raise Http404
    form = SitrepForm(request.POST or None, posts=posts)
    return form_action(
        request,
        form,
        lambda **data: sitrep_draft_create(
            actor=request.user, crisis=crisis, post=data["post"], **_content(data)
        ),
        success=_("Draft saved. Add attachments and country positions, then submit."),
        done=_to_sitrep,
    ) or render(request, "crisisportal/sitrep_form.html", {"crisis": crisis, "form": form})


def _content(data: dict[str, Any]) -> dict[str, Any]:
    """The report's content out of the form's cleaned data (the form also holds the post)."""
    return {name: data[name] for name in SITREP_FIELDS}


@login_required
def sitrep_edit(request: AuthenticatedRequest, crisis_id: str, sitrep_id: str) -> HttpResponse:
    crisis, sitrep = access_sitrep_for_filing(request.user, crisis_id, sitrep_id)
    if not sitrep.is_draft:
        raise Http404
    form = SitrepForm(request.POST or None, instance=sitrep)
    return form_action(
        request,
        form,
        lambda **data: sitrep_draft_update(actor=request.user, sitrep=sitrep, **_content(data)),
        success=_("Draft saved."),
        done=_to_sitrep,
    ) or render(
        request, "crisisportal/sitrep_form.html", {"crisis": crisis, "form": form, "sitrep": sitrep}
    )


@login_required
def sitrep_detail(request: AuthenticatedRequest, crisis_id: str, sitrep_id: str) -> HttpResponse:
    crisis, sitrep = access_sitrep(request.user, crisis_id, sitrep_id)
    context = _detail_context(request, crisis, sitrep)
    return render(request, "crisisportal/sitrep_detail.html", context)


def _sitrep_action_view(
    service: Callable[..., Any],
    *,
    success: SuccessMessage = None,
    refusal: Callable[[ValidationError], str] | None = None,
) -> Callable[..., HttpResponse]:
    """The view of a button on a report's page: the report accessed for filing (404
    otherwise), service(actor=, sitrep=, **the item named in the URL) with its message, then
    back to the report, or to the report the service returns (a correction is a new version)."""

    @login_required
    @require_POST
    def view(
        request: AuthenticatedRequest, crisis_id: str, sitrep_id: str, **item: Any
    ) -> HttpResponse:
        _crisis, sitrep = access_sitrep_for_filing(request.user, crisis_id, sitrep_id)
        result = service_action(
            request,
            partial(service, actor=request.user, sitrep=sitrep, **item),
            success=success,
            refusal=refusal,
        )
        return _to_sitrep(result if isinstance(result, Sitrep) else sitrep)

    return view


def _submit_refusal(error: ValidationError) -> str:
    """A report refused for empty required fields names those fields by their labels."""
    fields = getattr(error, "message_dict", {})
    labels = [str(getattr(Sitrep._meta.get_field(name), "verbose_name", name)) for name in fields]
    if labels:
        return _("Fill in before submitting: %(fields)s.") % {"fields": ", ".join(labels)}
    return " ".join(error.messages)


sitrep_submit_view = _sitrep_action_view(
    sitrep_submit,
    success=gettext_lazy("The situation report has been submitted."),
    refusal=_submit_refusal,
)
sitrep_correct_view = _sitrep_action_view(
    sitrep_correct, success=gettext_lazy("A correction has been started as a new version.")
)
sitrep_position_remove_view = _sitrep_action_view(sitrep_position_remove)
sitrep_attachment_remove_view = _sitrep_action_view(sitrep_attachment_remove)


def _sitrep_form_view(
    form_class: type[Form],
    form_name: str,
    service: Callable[..., Any],
    success: Promise,
) -> Callable[..., HttpResponse]:
    """The view of a form posted on a draft's page: the draft accessed for filing (404
    otherwise), then service(actor=, sitrep=, **cleaned_data) and back to the report; when the
    form or the service refuses, the report's page again with the errors in that form
    (`<form_name>_form`, status 400)."""

    @login_required
    @require_POST
    def view(request: AuthenticatedRequest, crisis_id: str, sitrep_id: str) -> HttpResponse:
        form = form_class(request.POST, request.FILES, prefix=form_name)
        crisis, sitrep = access_sitrep_for_filing(request.user, crisis_id, sitrep_id)
        return form_action(
            request,
            form,
            partial(service, actor=request.user, sitrep=sitrep),
            success=success,
            done=lambda _result: _to_sitrep(sitrep),
        ) or render(
            request,
            "crisisportal/sitrep_detail.html",
            _detail_context(request, crisis, sitrep, **{f"{form_name}_form": form}),
            status=400,
        )

    return view


sitrep_position_add_view = _sitrep_form_view(
    CountryPositionForm,
    "position",
    sitrep_position_add,
    gettext_lazy("The country position has been added."),
)


def _attachment_add(*, actor: Any, sitrep: Sitrep, file: Any) -> Any:
    return sitrep_attachment_add(actor=actor, sitrep=sitrep, upload=file)


sitrep_attachment_add_view = _sitrep_form_view(
    AttachmentForm,
    "attachment",
    _attachment_add,
    gettext_lazy("The attachment has been added."),
)


@login_required
def sitrep_attachment_download(
    request: AuthenticatedRequest, crisis_id: str, sitrep_id: str, attachment_id: str
) -> FileResponse:
    """Attachments are streamed only to those who may read the sitrep, never from a public URL."""
    _crisis, sitrep = access_sitrep(request.user, crisis_id, sitrep_id)
    attachment = sitrep.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=not attachment.is_image or "download" in request.GET,
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def alert_acknowledge_view(
    request: AuthenticatedRequest, crisis_id: str, alert_id: str
) -> HttpResponse:
    crisis, alert = access_alert(request.user, crisis_id, alert_id)
    form = AcknowledgeForm(request.POST or None)
    return form_action(
        request,
        form,
        partial(alert_acknowledge, actor=request.user, alert=alert),
        success=_("The alert has been acknowledged."),
        done=lambda _alert: redirect("crisisportal:crisis-detail", crisis_id=crisis.pk),
    ) or render(
        request,
        "crisisportal/alert_acknowledge.html",
        {"crisis": crisis, "alert": alert, "form": form},
    )
