from django.contrib import admin
from django.urls import include, path
from oauth2_provider.views import TokenView

from crisisportal.api import docs as api_docs
from crisisportal.views import crises, dashboard, health, inbox, meetings, posts, sitreps, staff

C = "crises/<uuid:crisis_id>"
S = f"{C}/sitreps/<uuid:sitrep_id>"
M = f"{C}/meetings/<uuid:meeting_id>"
D = f"{C}/decisions/<uuid:decision_id>"
P = "posts/<uuid:post_id>"

portal_patterns = [
    path("home", dashboard.home, name="home"),
    path("crises", crises.crisis_list, name="crisis-list"),
    path("crises/new", crises.crisis_create, name="crisis-create"),
    path(C, crises.crisis_detail, name="crisis-detail"),
    path(f"{C}/edit", crises.crisis_edit, name="crisis-edit"),
    path(f"{C}/phase", crises.crisis_phase, name="crisis-phase"),
    path(f"{C}/escalation", crises.crisis_escalate, name="crisis-escalate"),
    path(f"{C}/members", crises.crisis_members, name="crisis-members"),
    path(
        f"{C}/members/<int:membership_id>/remove",
        crises.crisis_member_delete,
        name="crisis-member-remove",
    ),
    path(f"{C}/history", crises.crisis_history, name="crisis-history"),
    path("posts", posts.post_list, name="post-list"),
    path("posts/new", posts.post_create_view, name="post-create"),
    path(P, posts.post_detail, name="post-detail"),
    path(f"{P}/edit", posts.post_edit, name="post-edit"),
    path(
        f"{P}/staff/<int:membership_id>/remove", posts.post_staff_delete, name="post-staff-remove"
    ),
    path("staff", staff.staff_list, name="staff-list"),
    path("staff/new", staff.staff_create, name="staff-create"),
    path("staff/<int:user_id>/edit", staff.staff_edit, name="staff-edit"),
    path("inbox", inbox.inbox, name="inbox"),
    path("inbox/read-all", inbox.inbox_mark_all_read, name="inbox-read-all"),
    path("inbox/<uuid:notification_id>/open", inbox.notification_open, name="notification-open"),
    path("deliveries", inbox.deliveries, name="deliveries"),
    path("deliveries/<uuid:notification_id>/retry", inbox.delivery_retry, name="delivery-retry"),
    # The crisis picture: sitreps, alerts, BOB meetings and the decision log.
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

urlpatterns = [
    path("", dashboard.root, name="root"),
    path("healthz", health.healthz, name="healthz"),
    # REST API for Defence: OAuth2 client credentials token endpoint, contract v1, its docs.
    path("oauth/token", TokenView.as_view(), name="oauth-token"),
    path("api/v1/", include("crisisportal.api.urls")),
    path("api/v1/", include("registration.api.urls")),
    path("api/v1/", include("evacuation.api.urls")),
    path("api/v1/", include("triggers.api.urls")),
    path("api-docs", api_docs.api_docs, name="api-docs"),
    path("", include((portal_patterns, "crisisportal"))),
    path("", include("triggers.urls")),
    path("", include("evacuation.urls")),
    path("", include("registration.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
