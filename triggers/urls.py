from django.urls import path

from triggers.views import documents, exports, items, meetings, reviews, versions

app_name = "triggers"

DOC = "trigger-documents/<uuid:document_id>"

urlpatterns = [
    path("trigger-documents", documents.document_list, name="document-list"),
    path("trigger-documents/new", documents.document_create, name="document-create"),
    path(DOC, documents.document_detail, name="document-detail"),
    path(f"{DOC}/edit", documents.document_edit, name="document-edit"),
    path(f"{DOC}/participants", documents.participants_edit, name="participants-edit"),
    path(f"{DOC}/owner-contacts/new", documents.owner_contact_edit, name="owner-contact-create"),
    path(
        f"{DOC}/owner-contacts/<int:contact_id>/edit",
        documents.owner_contact_edit,
        name="owner-contact-edit",
    ),
    path(f"{DOC}/scenarios/new", items.scenario_edit, name="scenario-create"),
    path(f"{DOC}/scenarios/<int:scenario_id>/edit", items.scenario_edit, name="scenario-edit"),
    path(
        f"{DOC}/scenarios/<int:scenario_id>/worsened",
        items.scenario_worsened,
        name="scenario-worsened",
    ),
    path(f"{DOC}/scenarios/<int:scenario_id>/events/new", items.event_edit, name="event-create"),
    path(f"{DOC}/events/<int:event_id>/edit", items.event_edit, name="event-edit"),
    path(f"{DOC}/events/<int:event_id>/observe", items.event_observe, name="event-observe"),
    path(f"{DOC}/events/<int:event_id>/measures/new", items.measure_edit, name="measure-create"),
    path(f"{DOC}/measures/<int:measure_id>/edit", items.measure_edit, name="measure-edit"),
    path(f"{DOC}/positions/new", items.position_edit, name="position-create"),
    path(f"{DOC}/positions/<int:position_id>/edit", items.position_edit, name="position-edit"),
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
