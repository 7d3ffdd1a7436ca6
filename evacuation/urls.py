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

CRISIS = "crises/<uuid:crisis_id>"
CASE = "cases/<uuid:case_id>"
FLIGHT = "flights/<uuid:flight_id>"
EXPORT = "case-exports/<uuid:export_id>"

urlpatterns = [
    path(f"{CRISIS}/help-request", public.help_request_new, name="help-request-new"),
    path(f"{CRISIS}/help-request/thanks", public.help_request_thanks, name="help-request-thanks"),
    path(f"{CRISIS}/cases", case_list.case_list, name="case-list"),
    path(f"{CRISIS}/cases/assign", case_list.case_assign, name="case-assign"),
    path(f"{CRISIS}/cases/export-csv", case_list.case_export_csv, name="case-export-csv"),
    path(f"{CRISIS}/cases/export-pdf", case_list.case_export_pdf, name="case-export-pdf"),
    path(f"{CRISIS}/eligibility-overrides", cases.override_list, name="override-list"),
    path(f"{CRISIS}/help-requests", triage.triage_queue, name="triage-queue"),
    path(f"{CRISIS}/flights", flights.flight_list, name="flight-list"),
    path(f"{CRISIS}/call-teams", call_teams.call_teams, name="call-teams"),
    path(f"{CRISIS}/eligible-groups", groups.crisis_groups, name="crisis-groups"),
    path(EXPORT, case_list.export_status, name="export-status"),
    path(f"{EXPORT}/download", case_list.export_download, name="export-download"),
    path(CASE, cases.case_detail, name="case-detail"),
    path(f"{CASE}/status", cases.case_status, name="case-status"),
    path(f"{CASE}/contacts", cases.case_contact, name="case-contact"),
    path(f"{CASE}/documents", cases.case_documents, name="case-documents"),
    path(f"{CASE}/priority", cases.case_priority, name="case-priority"),
    path(f"{CASE}/accompanying", cases.case_accompanying, name="case-accompanying"),
    path("documents/<uuid:document_id>", cases.document_download, name="document-download"),
    path(f"{CASE}/eligibility", cases.case_override, name="case-override"),
    path("help-requests/<uuid:request_id>", triage.help_request_detail, name="help-request-detail"),
    path(FLIGHT, flights.flight_detail, name="flight-detail"),
    path(f"{FLIGHT}/manifest.pdf", flights.flight_manifest_pdf, name="flight-manifest-pdf"),
    path(
        f"{CRISIS}/evacuation-preparation",
        preparation.crisis_preparation,
        name="crisis-preparation",
    ),
    path("posts/<uuid:post_id>/evacuation-plan", plans.post_plan, name="post-plan"),
]
