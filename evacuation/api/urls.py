"""Evacuation routes of the API, mounted under /api/v1 next to crisisportal.api.urls."""

from django.urls import path

from evacuation.api import views

urlpatterns = [
    path(
        "crises/<uuid:crisisId>/eligible-groups",
        views.EligibleGroupListView.as_view(),
        name="api-eligible-group-list",
    ),
    path(
        "crises/<uuid:crisisId>/persons/<uuid:personId>/eligibility",
        views.EligibilityView.as_view(),
        name="api-eligibility",
    ),
    path("crises/<uuid:crisisId>/cases", views.CaseListView.as_view(), name="api-case-list"),
    path("cases/<uuid:caseId>", views.CaseDetailView.as_view(), name="api-case-detail"),
    path(
        "crises/<uuid:crisisId>/flights",
        views.FlightListView.as_view(),
        name="api-flight-list",
    ),
    path(
        "flights/<uuid:flightId>/manifest",
        views.ManifestView.as_view(),
        name="api-flight-manifest",
    ),
    path(
        "flights/<uuid:flightId>/boardings",
        views.BoardingCreateView.as_view(),
        name="api-boarding-create",
    ),
]
