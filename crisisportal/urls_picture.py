"""URLs of the crisis picture: sitreps, alerts, BOB meetings and the decision log."""

from django.urls import path

from crisisportal.views import meetings, sitreps

C = "crises/<uuid:crisis_id>"
S = f"{C}/sitreps/<uuid:sitrep_id>"
M = f"{C}/meetings/<uuid:meeting_id>"
D = f"{C}/decisions/<uuid:decision_id>"

urlpatterns = [
    path(f"{C}/sitreps", sitreps.sitrep_list, name="sitrep-list"),
    path(f"{C}/sitreps/new", sitreps.sitrep_create, name="sitrep-create"),
    path(f"{C}/posts/<uuid:post_id>/sitreps", sitreps.sitrep_timeline, name="sitrep-timeline"),
    path(S, sitreps.sitrep_detail, name="sitrep-detail"),
    path(f"{S}/edit", sitreps.sitrep_edit, name="sitrep-edit"),
    path(f"{S}/submit", sitreps.sitrep_submit_view, name="sitrep-submit"),
    path(f"{S}/correct", sitreps.sitrep_correct_view, name="sitrep-correct"),
    path(f"{S}/positions", sitreps.sitrep_position_add_view, name="sitrep-position-add"),
    path(
        f"{S}/positions/<int:position_id>/remove",
        sitreps.sitrep_position_remove_view,
        name="sitrep-position-remove",
    ),
    path(f"{S}/attachments", sitreps.sitrep_attachment_add_view, name="sitrep-attachment-add"),
    path(
        f"{S}/attachments/<uuid:attachment_id>",
        sitreps.sitrep_attachment_download,
        name="sitrep-attachment",
    ),
    path(
        f"{S}/attachments/<uuid:attachment_id>/remove",
        sitreps.sitrep_attachment_remove_view,
        name="sitrep-attachment-remove",
    ),
    path(
        f"{C}/alerts/<uuid:alert_id>/acknowledge",
        sitreps.alert_acknowledge_view,
        name="alert-acknowledge",
    ),
    path(f"{C}/meetings", meetings.meeting_list, name="meeting-list"),
    path(f"{C}/meetings/new", meetings.meeting_create, name="meeting-create"),
    path(M, meetings.meeting_detail, name="meeting-detail"),
    path(f"{M}/advance", meetings.meeting_advance, name="meeting-advance"),
    path(f"{M}/step-back", meetings.meeting_step_back, name="meeting-step-back"),
    path(f"{M}/agenda", meetings.meeting_agenda_add, name="meeting-agenda-add"),
    path(f"{M}/picture", meetings.meeting_picture_add, name="meeting-picture-add"),
    path(f"{M}/picture/import", meetings.meeting_sitreps_import, name="meeting-sitreps-import"),
    path(f"{M}/judgements", meetings.meeting_judgement_add, name="meeting-judgement-add"),
    path(f"{M}/decisions", meetings.meeting_decision_add, name="meeting-decision-add"),
    path(
        f"{M}/decisions/<uuid:decision_id>/follow-up",
        meetings.meeting_decision_follow_up,
        name="meeting-decision-follow-up",
    ),
    path(f"{M}/amend", meetings.meeting_amend_view, name="meeting-amend"),
    path(f"{M}/minutes", meetings.meeting_minutes, name="meeting-minutes"),
    path(f"{C}/decisions", meetings.decision_log_view, name="decision-log"),
    path(D, meetings.decision_detail, name="decision-detail"),
]
