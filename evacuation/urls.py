from django.urls import path

from evacuation import views, views_preparation

app_name = "evacuation"

urlpatterns = [
    path("crises/<uuid:crisis_id>/help-request", views.help_request_new, name="help-request-new"),
    path(
        "crises/<uuid:crisis_id>/help-request/thanks",
        views.help_request_thanks,
        name="help-request-thanks",
    ),
    path("crises/<uuid:crisis_id>/cases", views.case_list, name="case-list"),
    path("crises/<uuid:crisis_id>/cases/assign", views.case_assign, name="case-assign"),
    path("crises/<uuid:crisis_id>/cases/export-csv", views.case_export_csv, name="case-export-csv"),
    path("crises/<uuid:crisis_id>/cases/export-pdf", views.case_export_pdf, name="case-export-pdf"),
    path(
        "crises/<uuid:crisis_id>/eligibility-overrides", views.override_list, name="override-list"
    ),
    path("crises/<uuid:crisis_id>/help-requests", views.triage_queue, name="triage-queue"),
    path("crises/<uuid:crisis_id>/flights", views.flight_list, name="flight-list"),
    path("crises/<uuid:crisis_id>/call-teams", views.call_teams, name="call-teams"),
    path("crises/<uuid:crisis_id>/eligible-groups", views.crisis_groups, name="crisis-groups"),
    path("case-exports/<uuid:export_id>", views.export_status, name="export-status"),
    path("case-exports/<uuid:export_id>/download", views.export_download, name="export-download"),
    path("cases/<uuid:case_id>", views.case_detail, name="case-detail"),
    path("cases/<uuid:case_id>/status", views.case_status, name="case-status"),
    path("cases/<uuid:case_id>/contacts", views.case_contact, name="case-contact"),
    path("cases/<uuid:case_id>/documents", views.case_documents, name="case-documents"),
    path("cases/<uuid:case_id>/priority", views.case_priority, name="case-priority"),
    path("cases/<uuid:case_id>/accompanying", views.case_accompanying, name="case-accompanying"),
    path("documents/<uuid:document_id>", views.document_download, name="document-download"),
    path("cases/<uuid:case_id>/eligibility", views.case_override, name="case-override"),
    path("help-requests/<uuid:request_id>", views.help_request_detail, name="help-request-detail"),
    path("flights/<uuid:flight_id>", views.flight_detail, name="flight-detail"),
    path(
        "flights/<uuid:flight_id>/manifest.pdf",
        views.flight_manifest_pdf,
        name="flight-manifest-pdf",
    ),
    path(
        "crises/<uuid:crisis_id>/evacuation-preparation",
        views_preparation.crisis_preparation,
        name="crisis-preparation",
    ),
    path("posts/<uuid:post_id>/evacuation-plan", views_preparation.post_plan, name="post-plan"),
]
