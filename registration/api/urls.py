"""Registration routes of the API, mounted under /api/v1 next to crisisportal.api.urls."""

from django.urls import path

from registration.api import views

urlpatterns = [
    path("persons", views.PersonCreateView.as_view(), name="api-person-create"),
    path("persons/<uuid:personId>", views.PersonDetailView.as_view(), name="api-person-detail"),
    path(
        "persons/<uuid:personId>/relations",
        views.RelationCreateView.as_view(),
        name="api-relation-create",
    ),
    path(
        "local-staff/<str:externalId>",
        views.LocalStaffUpsertView.as_view(),
        name="api-local-staff-upsert",
    ),
]
