from django.urls import path

from triggers import views

app_name = "triggers"

DOC = "trigger-documents/<uuid:document_id>"

urlpatterns = [
    path("trigger-documents", views.document_list, name="document-list"),
    path("trigger-documents/new", views.document_create, name="document-create"),
    path(DOC, views.document_detail, name="document-detail"),
    path(f"{DOC}/edit", views.document_edit, name="document-edit"),
    path(f"{DOC}/participants", views.participants_edit, name="participants-edit"),
    path(f"{DOC}/owner-contacts/new", views.owner_contact_edit, name="owner-contact-create"),
    path(
        f"{DOC}/owner-contacts/<int:contact_id>/edit",
        views.owner_contact_edit,
        name="owner-contact-edit",
    ),
    path(f"{DOC}/scenarios/new", views.scenario_edit, name="scenario-create"),
    path(f"{DOC}/scenarios/<int:scenario_id>/edit", views.scenario_edit, name="scenario-edit"),
    path(
        f"{DOC}/scenarios/<int:scenario_id>/worsened",
        views.scenario_worsened,
        name="scenario-worsened",
    ),
    path(f"{DOC}/scenarios/<int:scenario_id>/events/new", views.event_edit, name="event-create"),
    path(f"{DOC}/events/<int:event_id>/edit", views.event_edit, name="event-edit"),
    path(f"{DOC}/events/<int:event_id>/observe", views.event_observe, name="event-observe"),
    path(f"{DOC}/events/<int:event_id>/measures/new", views.measure_edit, name="measure-create"),
    path(f"{DOC}/measures/<int:measure_id>/edit", views.measure_edit, name="measure-edit"),
    path(f"{DOC}/positions/new", views.position_edit, name="position-create"),
    path(f"{DOC}/positions/<int:position_id>/edit", views.position_edit, name="position-edit"),
    path(f"{DOC}/<str:kind>/<int:item_id>/delete", views.item_delete, name="item-delete"),
    path(f"{DOC}/versions/compare", views.version_compare, name="version-compare"),
    path(f"{DOC}/reviews/small-group", views.review_small_group, name="review-small-group"),
    path(f"{DOC}/reviews/<int:review_id>", views.review_detail, name="review-detail"),
    path(f"{DOC}/reviews/<int:review_id>/hold", views.review_hold, name="review-hold"),
    path(f"{DOC}/export", views.export_request, name="export-request"),
    path(
        "trigger-documents/meetings/<uuid:meeting_id>/judgement-scenario",
        views.judgement_scenario_link,
        name="judgement-scenario-link",
    ),
    path(f"{DOC}/exports/<uuid:export_id>", views.export_download, name="export-download"),
]
