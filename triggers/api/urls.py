"""Trigger-document routes of the API, mounted under /api/v1."""

from django.urls import path

from triggers.api import views

urlpatterns = [
    path(
        "crises/<uuid:crisisId>/trigger-documents",
        views.TriggerDocumentListView.as_view(),
        name="api-trigger-document-list",
    ),
]
