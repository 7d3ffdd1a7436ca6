"""URLs of the registration pages: local_staff (see registration/urls.py)."""

from django.urls import URLPattern, path

from registration.views import local_staff as views

urlpatterns: list[URLPattern] = [
    path("registration/local-staff", views.local_staff_list, name="local-staff-list"),
    path("registration/local-staff/new", views.local_staff_new, name="local-staff-new"),
    path(
        "registration/local-staff/<uuid:employment_id>",
        views.local_staff_detail,
        name="local-staff-detail",
    ),
    path(
        "registration/local-staff/<uuid:employment_id>/edit",
        views.local_staff_edit,
        name="local-staff-edit",
    ),
    path("registration/local-staff/import", views.local_staff_import, name="local-staff-import"),
    path(
        "registration/local-staff/import/template.csv",
        views.local_staff_import_template,
        name="local-staff-import-template",
    ),
    path(
        "registration/local-staff/import/<uuid:upload_id>",
        views.local_staff_upload,
        name="local-staff-upload",
    ),
    path(
        "registration/local-staff/import/<uuid:upload_id>/errors.csv",
        views.local_staff_upload_errors_csv,
        name="local-staff-upload-errors",
    ),
    path(
        "registration/local-staff/import/<uuid:upload_id>/apply",
        views.local_staff_upload_apply,
        name="local-staff-upload-apply",
    ),
]
