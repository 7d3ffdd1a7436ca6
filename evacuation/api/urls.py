"""Evacuation routes of the API, mounted under /api/v1 next to crisisportal.api.urls."""

from django.urls import path

from evacuation.api import views

CRISIS = "crises/<uuid:crisisId>"
FLIGHT = "flights/<uuid:flightId>"

urlpatterns = [
    path(
        f"{CRISIS}/eligible-groups",
        views.EligibleGroupListView.as_view(),
        name="api-eligible-group-list",
    ),
    path(
        f"{CRISIS}/persons/<uuid:personId>/eligibility",
        views.EligibilityView.as_view(),
        name="api-eligibility",
    ),
    path(f"{CRISIS}/cases", views.CaseListView.as_view(), name="api-case-list"),
    path("cases/<uuid:caseId>", views.CaseDetailView.as_view(), name="api-case-detail"),
    path(f"{CRISIS}/flights", views.FlightListView.as_view(), name="api-flight-list"),
    path(f"{FLIGHT}/manifest", views.ManifestView.as_view(), name="api-flight-manifest"),
    path(f"{FLIGHT}/boardings", views.BoardingCreateView.as_view(), name="api-boarding-create"),
]
