from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from crisisportal.models import (
    CountryPosition,
    CrisisMembership,
    Notification,
    PostSilenceFlag,
    Sitrep,
    SitrepAlert,
    SitrepAttachment,
)
from crisisportal.services.post_silence import posts_silence_check
from crisisportal.services.sitrep_alerts import alert_acknowledge, alerts_escalate_due
from crisisportal.services.sitreps import (
    sitrep_attachment_add,
    sitrep_correct,
    sitrep_draft_create,
    sitrep_draft_update,
    sitrep_position_add,
    sitrep_submit,
)
from tests.crisisportal.picture_factories import PNG, make_sitrep, sitrep_fields

pytestmark = pytest.mark.django_db


def test_submitted_sitrep_is_immutable_and_corrections_are_new_versions(
    crisis, post_a, post_a_staff
):
    sitrep = make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a)
    assert sitrep.status == "submitted"
    with pytest.raises(ValidationError):
        sitrep_draft_update(actor=post_a_staff, sitrep=sitrep, security_situation="Changed")
    with pytest.raises(ValidationError):
        sitrep_submit(actor=post_a_staff, sitrep=sitrep)
    sitrep_position_args: dict = {
        "camp": "like-minded",
        "country": "DE",
        "stance": "evacuating",
        "observed_on": timezone.localdate(),
    }
    with pytest.raises(ValidationError):
        sitrep_position_add(actor=post_a_staff, sitrep=sitrep, **sitrep_position_args)

    correction = sitrep_correct(actor=post_a_staff, sitrep=sitrep)
    assert correction.supersedes == sitrep
    assert correction.version == 2
    assert correction.status == "draft"
    sitrep_draft_update(actor=post_a_staff, sitrep=correction, security_situation="Corrected.")
    sitrep_submit(actor=post_a_staff, sitrep=correction)
    sitrep.refresh_from_db()
    assert sitrep.security_situation == "Gunfire near the airport road."
    # A second correction of the same version is refused: correct the newest.
    with pytest.raises(ValidationError):
        sitrep_correct(actor=post_a_staff, sitrep=sitrep)


def test_positive_and_negative_developments_are_required_to_submit(crisis, post_a, post_a_staff):
    draft = sitrep_draft_create(
        actor=post_a_staff,
        crisis=crisis,
        post=post_a,
        **sitrep_fields(positive_developments="", negative_developments=" "),
    )
    with pytest.raises(ValidationError) as refused:
        sitrep_submit(actor=post_a_staff, sitrep=draft)
    assert set(refused.value.message_dict) == {"positive_developments", "negative_developments"}
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_only_own_post_staff_file(crisis, post_a, post_b_staff, dcc_member, partner):
    for outsider in (post_b_staff, dcc_member, partner):
        with pytest.raises(PermissionError):
            sitrep_draft_create(actor=outsider, crisis=crisis, post=post_a, **sitrep_fields())


def test_high_urgency_alerts_coordinator_and_dcc_members_until_acknowledged(
    crisis, post_a, post_a_staff, coordinator, dcc_member, call_team, partner
):
    sitrep = make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, urgency="high")
    alert = SitrepAlert.objects.get(sitrep=sitrep)
    recipients = set(
        Notification.objects.filter(kind="sitrep_alert").values_list("recipient", flat=True)
    )
    assert recipients == {coordinator.pk, dcc_member.pk}
    with pytest.raises(PermissionError):
        alert_acknowledge(actor=partner, alert=alert, note="Seen")
    with pytest.raises(ValidationError):
        alert_acknowledge(actor=dcc_member, alert=alert, note=" ")
    alert_acknowledge(actor=dcc_member, alert=alert, note="Calling the ambassador.")
    alert.refresh_from_db()
    assert alert.acknowledged_by == dcc_member
    assert alert.acknowledgement_note == "Calling the ambassador."
    assert alert.acknowledged_at is not None
    with pytest.raises(ValidationError):
        alert_acknowledge(actor=coordinator, alert=alert, note="Again")


def test_normal_urgency_raises_no_alert(crisis, post_a, post_a_staff):
    make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, urgency="elevated")
    assert not SitrepAlert.objects.exists()


def test_unacknowledged_alert_escalates_step_by_step_along_the_list(
    crisis, post_a, post_a_staff, coordinator, dcc_member
):
    CrisisMembership.objects.filter(crisis=crisis, user=dcc_member).update(escalation_order=1)
    CrisisMembership.objects.filter(crisis=crisis, user=coordinator).update(escalation_order=2)
    raised = timezone.now()
    sitrep = make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, urgency="high", now=raised)
    alert = sitrep.alert
    assert alerts_escalate_due(now=raised + timedelta(minutes=29)) == 0
    assert alerts_escalate_due(now=raised + timedelta(minutes=30)) == 1
    assert alerts_escalate_due(now=raised + timedelta(minutes=31)) == 0  # not again so soon
    assert alerts_escalate_due(now=raised + timedelta(minutes=61)) == 1
    assert alerts_escalate_due(now=raised + timedelta(minutes=200)) == 0  # list exhausted
    steps = list(alert.escalations.values_list("step", "escalated_to"))
    assert steps == [(1, dcc_member.pk), (2, coordinator.pk)]
    assert Notification.objects.filter(kind="sitrep_alert_escalated").count() == 2


def test_acknowledged_alert_does_not_escalate(crisis, post_a, post_a_staff, coordinator):
    CrisisMembership.objects.filter(crisis=crisis, user=coordinator).update(escalation_order=1)
    raised = timezone.now()
    sitrep = make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, urgency="high", now=raised)
    alert_acknowledge(actor=coordinator, alert=sitrep.alert, note="On it")
    assert alerts_escalate_due(now=raised + timedelta(hours=2)) == 0


def test_silent_post_is_flagged_once_per_period(crisis, post_a, post_a_staff, coordinator):
    opened = crisis.opened_at
    assert posts_silence_check(now=opened + timedelta(hours=23)) == []
    [flag] = posts_silence_check(now=opened + timedelta(hours=25))
    assert flag.due_at == opened + timedelta(hours=24)
    assert posts_silence_check(now=opened + timedelta(hours=30)) == []
    assert len(posts_silence_check(now=opened + timedelta(hours=49))) == 1
    assert PostSilenceFlag.objects.count() == 2
    notified = set(
        Notification.objects.filter(kind="post_overdue").values_list("recipient", "to_email")
    )
    assert (post_a_staff.pk, "") in notified
    assert (coordinator.pk, "") in notified
    assert (None, "alpha@post.example") in notified
    # A report resets the clock.
    make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, now=opened + timedelta(hours=50))
    assert posts_silence_check(now=opened + timedelta(hours=60)) == []


def test_attachments_are_checked_by_content_and_size(settings, crisis, post_a, post_a_staff):
    draft = make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, submit=False)
    fake = SimpleUploadedFile("photo.png", b"MZ\x90\x00 not an image", content_type="image/png")
    with pytest.raises(ValidationError):
        sitrep_attachment_add(actor=post_a_staff, sitrep=draft, upload=fake)
    settings.SITREP_ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError):
        sitrep_attachment_add(
            actor=post_a_staff, sitrep=draft, upload=SimpleUploadedFile("a.png", PNG)
        )
    settings.SITREP_ATTACHMENT_MAX_BYTES = 1024 * 1024
    attachment = sitrep_attachment_add(
        actor=post_a_staff,
        sitrep=draft,
        upload=SimpleUploadedFile("street.bin", PNG, content_type="application/octet-stream"),
    )
    assert attachment.content_type == "image/png"
    assert attachment.original_name == "street.bin"
    assert "street" not in str(attachment.file.name)


def test_correction_carries_positions_and_attachments(crisis, post_a, post_a_staff):
    draft = make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, submit=False)
    sitrep_position_add(
        actor=post_a_staff,
        sitrep=draft,
        camp="non-like-minded",
        country="RU",
        stance="staying",
        observed_on=timezone.localdate(),
    )
    sitrep_attachment_add(actor=post_a_staff, sitrep=draft, upload=SimpleUploadedFile("a.png", PNG))
    sitrep_submit(actor=post_a_staff, sitrep=draft)
    correction = sitrep_correct(actor=post_a_staff, sitrep=draft)
    assert CountryPosition.objects.filter(sitrep=correction, country="RU").exists()
    assert SitrepAttachment.objects.filter(sitrep=correction).count() == 1


# ---- pages ----


def _form_data(**overrides):
    fields = sitrep_fields(**overrides)
    data = {
        **fields,
        "period_start": fields["period_start"].strftime("%Y-%m-%dT%H:%M"),
        "period_end": fields["period_end"].strftime("%Y-%m-%dT%H:%M"),
        "local_authority_control": "partial",
        "airport": "limited",
        "commercial_flights": "unavailable",
        "border_crossings": "available",
        "landing_rights": "unknown",
    }
    return data


def test_post_files_attaches_and_submits_in_the_browser_forms(
    post_a_client, crisis, post_a, post_a_staff, coordinator_client
):
    response = post_a_client.post(
        reverse("crisisportal:sitrep-create", args=[crisis.pk]),
        {"post": post_a.pk, **_form_data(urgency="high")},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    sitrep = Sitrep.objects.get()
    detail = reverse("crisisportal:sitrep-detail", args=[crisis.pk, sitrep.pk])
    assert response["Location"] == detail
    upload = SimpleUploadedFile("street.png", PNG, content_type="image/png")
    response = post_a_client.post(
        reverse("crisisportal:sitrep-attachment-add", args=[crisis.pk, sitrep.pk]),
        {"attachment-file": upload},
    )
    assert response.status_code == 302
    response = post_a_client.post(
        reverse("crisisportal:sitrep-position-add", args=[crisis.pk, sitrep.pk]),
        {
            "position-camp": "like-minded",
            "position-country": "FR",
            "position-stance": "evacuating",
            "position-observed_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    response = post_a_client.post(
        reverse("crisisportal:sitrep-submit", args=[crisis.pk, sitrep.pk])
    )
    sitrep.refresh_from_db()
    assert sitrep.status == "submitted"
    page = coordinator_client.get(reverse("crisisportal:crisis-detail", args=[crisis.pk]))
    content = page.content.decode()
    assert "High urgency from Embassy Alpha" in content
    assert "Acknowledge" in content
    detail_page = coordinator_client.get(detail).content.decode()
    assert "Frankrijk" in detail_page or "France" in detail_page
    attachment = sitrep.attachments.get()
    download = coordinator_client.get(
        reverse("crisisportal:sitrep-attachment", args=[crisis.pk, sitrep.pk, attachment.pk])
    )
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    assert b"".join(download.streaming_content) == PNG


def test_bad_sitrep_form_keeps_input_and_shows_errors(post_a_client, crisis, post_a):
    response = post_a_client.post(
        reverse("crisisportal:sitrep-create", args=[crisis.pk]),
        {"post": post_a.pk, **_form_data(negative_developments="", security_situation="Calm")},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in page
    assert "Calm" in page
    assert not Sitrep.objects.exists()


def test_rejected_attachment_shows_error(post_a_client, crisis, post_a, post_a_staff):
    sitrep = make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, submit=False)
    response = post_a_client.post(
        reverse("crisisportal:sitrep-attachment-add", args=[crisis.pk, sitrep.pk]),
        {"attachment-file": SimpleUploadedFile("x.html", b"<script>alert(1)</script>")},
    )
    assert response.status_code == 400
    assert "Only images" in response.content.decode()
    assert not SitrepAttachment.objects.exists()


def test_acknowledge_page(dcc_member_client, crisis, post_a, post_a_staff, dcc_member):
    sitrep = make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, urgency="high")
    url = reverse("crisisportal:alert-acknowledge", args=[crisis.pk, sitrep.alert.pk])
    assert dcc_member_client.post(url, {"note": ""}).status_code == 200
    response = dcc_member_client.post(url, {"note": "Ambassador called back."})
    assert response.status_code == 302
    page = dcc_member_client.get(reverse("crisisportal:crisis-detail", args=[crisis.pk]))
    assert "High urgency from" not in page.content.decode()
    detail = dcc_member_client.get(
        reverse("crisisportal:sitrep-detail", args=[crisis.pk, sitrep.pk])
    ).content.decode()
    assert "Ambassador called back." in detail


def test_crisis_page_shows_latest_sitrep_and_overdue_posts(
    coordinator_client, crisis, post_a, post_a_staff
):
    from crisisportal.models import Crisis

    Crisis.objects.filter(pk=crisis.pk).update(opened_at=timezone.now() - timedelta(days=3))
    page = coordinator_client.get(reverse("crisisportal:crisis-detail", args=[crisis.pk]))
    assert "Overdue" in page.content.decode()
    make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, urgency="elevated")
    page = coordinator_client.get(reverse("crisisportal:crisis-detail", args=[crisis.pk]))
    content = page.content.decode()
    assert "On time" in content
    assert "Elevated" in content


def test_coordinator_sets_the_escalation_list_on_the_team_page(
    coordinator_client, crisis, post_a, post_a_staff, coordinator, dcc_member, partner
):
    members = reverse("crisisportal:crisis-members", args=[crisis.pk])
    assert 'data-testid="escalation-list-empty"' in coordinator_client.get(members).content.decode()
    # Partners cannot acknowledge alerts: they cannot be on the list.
    refused = coordinator_client.post(
        members, {"member-user": partner.pk, "member-role": "partner", "member-escalation_order": 1}
    )
    assert refused.status_code == 200
    assert "on the escalation list" in refused.content.decode()
    assert CrisisMembership.objects.get(crisis=crisis, user=partner).escalation_order is None

    for user, order in ((dcc_member, 2), (coordinator, 1)):
        response = coordinator_client.post(
            members,
            {
                "member-user": user.pk,
                "member-role": user.crisis_memberships.get().role,
                "member-escalation_order": order,
            },
        )
        assert response.status_code == 302
    page = coordinator_client.get(members).content.decode()
    assert page.count('data-testid="escalation-order">1<') == 1
    assert page.count('data-testid="escalation-order">2<') == 1
    assert 'data-testid="escalation-list-empty"' not in page

    raised = timezone.now()
    sitrep = make_sitrep(actor=post_a_staff, crisis=crisis, post=post_a, urgency="high", now=raised)
    assert alerts_escalate_due(now=raised + timedelta(minutes=30)) == 1
    assert alerts_escalate_due(now=raised + timedelta(minutes=60)) == 1
    steps = list(sitrep.alert.escalations.values_list("step", "escalated_to"))
    assert steps == [(1, coordinator.pk), (2, dcc_member.pk)]

    # Saving the role with an empty place takes the member off the list.
    coordinator_client.post(members, {"member-user": dcc_member.pk, "member-role": "dcc-member"})
    assert CrisisMembership.objects.get(crisis=crisis, user=dcc_member).escalation_order is None
