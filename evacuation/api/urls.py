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
        "crises/<uuid:crisisId>/flights",
        views.FlightListView.as_view(),
        name="api-flight-list",
    ),
]
