"""Routes of the core API resources, mounted under /api/v1 (no trailing slashes).

Apps add theirs with their own `<app>/api/urls.py`, included next to this in the root urlconf.
"""

from django.urls import path

from crisisportal.api import docs, views

app_name = "api"

CRISIS = "crises/<uuid:crisisId>"

urlpatterns = [
    path("openapi.json", docs.openapi_json, name="openapi"),
    path("crises", views.CrisisListView.as_view(), name="crisis-list"),
    path(CRISIS, views.CrisisDetailView.as_view(), name="crisis-detail"),
    path(f"{CRISIS}/sitreps", views.SitrepListView.as_view(), name="sitrep-list"),
    path(f"{CRISIS}/decisions", views.DecisionListView.as_view(), name="decision-list"),
]
