"""Pages of the registration app, namespace "registration".

Public pages (no account) live under /register; staff pages under /registration. No
personal data in the public URLs: the personal link's secret appears only in the path of
`personal-link`, which exchanges it for a session and redirects at once.
"""

from django.urls import URLPattern, path

from registration.views import (
    broadcasts,
    family_ties,
    local_staff,
    merges,
    persons,
    public,
    registers,
)
from registration.views.index import registration_index

app_name = "registration"

PERSONS = "registration/persons"
PERSON = f"{PERSONS}/<uuid:person_id>"
REGISTRATIONS = "registration/registrations"
BROADCASTS = "registration/broadcasts"
LOCAL_STAFF = "registration/local-staff"
UPLOAD = f"{LOCAL_STAFF}/import/<uuid:upload_id>"

public_patterns: list[URLPattern] = [
    path("register", public.register_start, name="register"),
    path("register/check-email", public.register_check_email, name="check-email"),
    path("register/new-link", public.new_link, name="new-link"),
    path("register/new-link/sent", public.new_link_sent, name="new-link-sent"),
    path("register/link/<str:token>", public.personal_link, name="personal-link"),
    path("register/link-invalid", public.link_invalid, name="link-invalid"),
    path("register/my-registration", public.my_registration, name="my-registration"),
    path("register/my-registration/deregister", public.deregister, name="deregister"),
    path("register/deregistered", public.deregistered, name="deregistered"),
    # Last: a type of registration, "limited" or "extended".
    path("register/<slug:kind>", public.register_form, name="register-form"),
]

person_patterns: list[URLPattern] = [
    path(PERSONS, persons.person_search, name="person-search"),
    path(f"{PERSONS}/new", persons.person_new, name="person-new"),
    path(PERSON, persons.person_detail, name="person-detail"),
    path(f"{PERSON}/edit", persons.person_edit, name="person-edit"),
    path(f"{PERSON}/ties/new", family_ties.family_tie_new, name="family-tie-new"),
    path(
        f"{PERSON}/ties/<uuid:tie_id>/remove",
        family_ties.family_tie_delete,
        name="family-tie-remove",
    ),
    path(
        f"{PERSONS}/<uuid:surviving_id>/merge/<uuid:merged_id>",
        merges.person_merge_preview,
        name="person-merge",
    ),
    path("registration/merges", merges.merge_list, name="merge-list"),
    path("registration/merges/<uuid:merge_id>", merges.merge_detail, name="merge-detail"),
]

# Staff pages: registrations of nationals abroad, travel advice and broadcasts.
register_patterns: list[URLPattern] = [
    path(REGISTRATIONS, registers.registration_overview, name="registration-overview"),
    path(f"{REGISTRATIONS}/list", registers.registration_list, name="registration-list"),
    path(
        f"{REGISTRATIONS}/export.csv",
        registers.registration_export_csv,
        name="registration-export-csv",
    ),
    path(
        f"{REGISTRATIONS}/<uuid:registration_id>",
        registers.registration_detail,
        name="registration-detail",
    ),
    path("registration/travel-advice", broadcasts.travel_advice_list, name="travel-advice-list"),
    path(
        "registration/travel-advice/<str:country>",
        broadcasts.travel_advice_country,
        name="travel-advice-country",
    ),
    path(
        "registration/embassy-message", broadcasts.embassy_message_new, name="embassy-message-new"
    ),
    path(BROADCASTS, broadcasts.broadcast_list, name="broadcast-list"),
    path(f"{BROADCASTS}/<uuid:broadcast_id>", broadcasts.broadcast_detail, name="broadcast-detail"),
    path(
        f"{BROADCASTS}/<uuid:broadcast_id>/retry",
        broadcasts.broadcast_retry,
        name="broadcast-retry",
    ),
]

local_staff_patterns: list[URLPattern] = [
    path(LOCAL_STAFF, local_staff.local_staff_list, name="local-staff-list"),
    path(f"{LOCAL_STAFF}/new", local_staff.local_staff_new, name="local-staff-new"),
    path(
        f"{LOCAL_STAFF}/<uuid:employment_id>",
        local_staff.local_staff_detail,
        name="local-staff-detail",
    ),
    path(
        f"{LOCAL_STAFF}/<uuid:employment_id>/edit",
        local_staff.local_staff_edit,
        name="local-staff-edit",
    ),
    path(f"{LOCAL_STAFF}/import", local_staff.local_staff_import, name="local-staff-import"),
    path(
        f"{LOCAL_STAFF}/import/template.csv",
        local_staff.local_staff_import_template,
        name="local-staff-import-template",
    ),
    path(UPLOAD, local_staff.local_staff_upload, name="local-staff-upload"),
    path(
        f"{UPLOAD}/errors.csv",
        local_staff.local_staff_upload_errors_csv,
        name="local-staff-upload-errors",
    ),
    path(f"{UPLOAD}/apply", local_staff.local_staff_upload_apply, name="local-staff-upload-apply"),
]

urlpatterns = [
    path("registration", registration_index, name="index"),
    *public_patterns,
    *person_patterns,
    *register_patterns,
    *local_staff_patterns,
]
