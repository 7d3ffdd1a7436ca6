from collections.abc import Callable
from typing import Any

from django.urls import URLPattern, path

from triggers.views import documents, exports, items, meetings, reviews, versions

app_name = "triggers"

DOC = "trigger-documents/<uuid:document_id>"
SCENARIO = f"{DOC}/scenarios/<int:scenario_id>"
EVENT = f"{DOC}/events/<int:event_id>"


def _add_and_edit(
    parent: str, plural: str, id_name: str, view: Callable[..., Any], name: str
) -> list[URLPattern]:
    """One view adds an item (under its parent) and edits it (under the document)."""
    return [
        path(f"{parent}/{plural}/new", view, name=f"{name}-create"),
        path(f"{DOC}/{plural}/<int:{id_name}>/edit", view, name=f"{name}-edit"),
    ]


urlpatterns = [
    path("trigger-documents", documents.document_list, name="document-list"),
    path("trigger-documents/new", documents.document_create, name="document-create"),
    path(DOC, documents.document_detail, name="document-detail"),
    path(f"{DOC}/edit", documents.document_edit, name="document-edit"),
    path(f"{DOC}/participants", documents.participants_edit, name="participants-edit"),
    *_add_and_edit(
        DOC, "owner-contacts", "contact_id", documents.owner_contact_edit, "owner-contact"
    ),
    *_add_and_edit(DOC, "scenarios", "scenario_id", items.scenario_edit, "scenario"),
    path(f"{SCENARIO}/worsened", items.scenario_worsened, name="scenario-worsened"),
    *_add_and_edit(SCENARIO, "events", "event_id", items.event_edit, "event"),
    path(f"{EVENT}/observe", items.event_observe, name="event-observe"),
    *_add_and_edit(EVENT, "measures", "measure_id", items.measure_edit, "measure"),
    *_add_and_edit(DOC, "positions", "position_id", items.position_edit, "position"),
    path(f"{DOC}/<str:kind>/<int:item_id>/delete", items.item_delete, name="item-delete"),
    path(f"{DOC}/versions/compare", versions.version_compare, name="version-compare"),
    path(f"{DOC}/reviews/small-group", reviews.review_small_group, name="review-small-group"),
    path(f"{DOC}/reviews/<int:review_id>", reviews.review_detail, name="review-detail"),
    path(f"{DOC}/reviews/<int:review_id>/hold", reviews.review_hold, name="review-hold"),
    path(f"{DOC}/export", exports.export_request, name="export-request"),
    path(
        "trigger-documents/meetings/<uuid:meeting_id>/judgement-scenario",
        meetings.judgement_scenario_link,
        name="judgement-scenario-link",
    ),
    path(f"{DOC}/exports/<uuid:export_id>", exports.export_download, name="export-download"),
]
