from django.contrib import admin
from django.urls import include, path
from oauth2_provider.views import TokenView

from crisisportal.api import docs as api_docs
from crisisportal.urls_picture import urlpatterns as picture_patterns
from crisisportal.views import crises, dashboard, health, inbox, posts, staff

portal_patterns = [
    path("home", dashboard.home, name="home"),
    path("crises", crises.crisis_list, name="crisis-list"),
    path("crises/new", crises.crisis_create, name="crisis-create"),
    path("crises/<uuid:crisis_id>", crises.crisis_detail, name="crisis-detail"),
    path("crises/<uuid:crisis_id>/edit", crises.crisis_edit, name="crisis-edit"),
    path("crises/<uuid:crisis_id>/phase", crises.crisis_phase, name="crisis-phase"),
    path("crises/<uuid:crisis_id>/escalation", crises.crisis_escalate, name="crisis-escalate"),
    path("crises/<uuid:crisis_id>/members", crises.crisis_members, name="crisis-members"),
    path(
        "crises/<uuid:crisis_id>/members/<int:membership_id>/remove",
        crises.crisis_member_delete,
        name="crisis-member-remove",
    ),
    path("crises/<uuid:crisis_id>/history", crises.crisis_history, name="crisis-history"),
    path("posts", posts.post_list, name="post-list"),
    path("posts/new", posts.post_create_view, name="post-create"),
    path("posts/<uuid:post_id>", posts.post_detail, name="post-detail"),
    path("posts/<uuid:post_id>/edit", posts.post_edit, name="post-edit"),
    path(
        "posts/<uuid:post_id>/staff/<int:membership_id>/remove",
        posts.post_staff_delete,
        name="post-staff-remove",
    ),
    path("staff", staff.staff_list, name="staff-list"),
    path("staff/new", staff.staff_create, name="staff-create"),
    path("staff/<int:user_id>/edit", staff.staff_edit, name="staff-edit"),
    path("inbox", inbox.inbox, name="inbox"),
    path("inbox/read-all", inbox.inbox_mark_all_read, name="inbox-read-all"),
    path("inbox/<uuid:notification_id>/open", inbox.notification_open, name="notification-open"),
    path("deliveries", inbox.deliveries, name="deliveries"),
    path("deliveries/<uuid:notification_id>/retry", inbox.delivery_retry, name="delivery-retry"),
    *picture_patterns,
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
