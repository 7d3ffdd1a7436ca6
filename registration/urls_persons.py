"""URLs of the registration pages: persons (see registration/urls.py)."""

from django.urls import path

from registration.views import persons as views

urlpatterns = [
    path("registration/persons", views.person_search, name="person-search"),
    path("registration/persons/new", views.person_new, name="person-new"),
    path("registration/persons/<uuid:person_id>", views.person_detail, name="person-detail"),
    path("registration/persons/<uuid:person_id>/edit", views.person_edit, name="person-edit"),
    path(
        "registration/persons/<uuid:person_id>/ties/new",
        views.family_tie_new,
        name="family-tie-new",
    ),
    path(
        "registration/persons/<uuid:person_id>/ties/<uuid:tie_id>/remove",
        views.family_tie_delete,
        name="family-tie-remove",
    ),
    path(
        "registration/persons/<uuid:surviving_id>/merge/<uuid:merged_id>",
        views.person_merge_preview,
        name="person-merge",
    ),
    path("registration/merges", views.merge_list, name="merge-list"),
    path("registration/merges/<uuid:merge_id>", views.merge_detail, name="merge-detail"),
]
