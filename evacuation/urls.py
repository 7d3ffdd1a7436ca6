from django.urls import path

from evacuation.views import (
    call_teams,
    case_list,
    cases,
    flights,
    groups,
    plans,
    preparation,
    public,
    triage,
)

app_name = "evacuation"

urlpatterns = [
    path("crises/<uuid:crisis_id>/help-request", public.help_request_new, name="help-request-new"),
    path(
        "crises/<uuid:crisis_id>/help-request/thanks",
        public.help_request_thanks,
        name="help-request-thanks",
    ),
    path("crises/<uuid:crisis_id>/cases", case_list.case_list, name="case-list"),
    path("crises/<uuid:crisis_id>/cases/assign", case_list.case_assign, name="case-assign"),
    path(
        "crises/<uuid:crisis_id>/cases/export-csv",
        case_list.case_export_csv,
        name="case-export-csv",
    ),
    path(
        "crises/<uuid:crisis_id>/cases/export-pdf",
        case_list.case_export_pdf,
        name="case-export-pdf",
    ),
    path(
        "crises/<uuid:crisis_id>/eligibility-overrides", cases.override_list, name="override-list"
    ),
    path("crises/<uuid:crisis_id>/help-requests", triage.triage_queue, name="triage-queue"),
    path("crises/<uuid:crisis_id>/flights", flights.flight_list, name="flight-list"),
    path("crises/<uuid:crisis_id>/call-teams", call_teams.call_teams, name="call-teams"),
    path("crises/<uuid:crisis_id>/eligible-groups", groups.crisis_groups, name="crisis-groups"),
    path("case-exports/<uuid:export_id>", case_list.export_status, name="export-status"),
    path(
        "case-exports/<uuid:export_id>/download",
        case_list.export_download,
        name="export-download",
    ),
    path("cases/<uuid:case_id>", cases.case_detail, name="case-detail"),
    path("cases/<uuid:case_id>/status", cases.case_status, name="case-status"),
    path("cases/<uuid:case_id>/contacts", cases.case_contact, name="case-contact"),
    path("cases/<uuid:case_id>/documents", cases.case_documents, name="case-documents"),
    path("cases/<uuid:case_id>/priority", cases.case_priority, name="case-priority"),
    path("cases/<uuid:case_id>/accompanying", cases.case_accompanying, name="case-accompanying"),
    path("documents/<uuid:document_id>", cases.document_download, name="document-download"),
    path("cases/<uuid:case_id>/eligibility", cases.case_override, name="case-override"),
    path("help-requests/<uuid:request_id>", triage.help_request_detail, name="help-request-detail"),
    path("flights/<uuid:flight_id>", flights.flight_detail, name="flight-detail"),
    path(
        "flights/<uuid:flight_id>/manifest.pdf",
        flights.flight_manifest_pdf,
        name="flight-manifest-pdf",
    ),
    path(
        "crises/<uuid:crisis_id>/evacuation-preparation",
        preparation.crisis_preparation,
        name="crisis-preparation",
    ),
    path("posts/<uuid:post_id>/evacuation-plan", plans.post_plan, name="post-plan"),
]
