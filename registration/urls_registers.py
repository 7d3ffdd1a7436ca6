"""URLs of the registration pages: registers (see registration/urls.py).

Staff pages: registrations of nationals abroad, travel advice and broadcasts.
"""

from django.urls import URLPattern, path

from registration.views import broadcasts, registers

urlpatterns: list[URLPattern] = [
    path(
        "registration/registrations",
        registers.registration_overview,
        name="registration-overview",
    ),
    path(
        "registration/registrations/list",
        registers.registration_list,
        name="registration-list",
    ),
    path(
        "registration/registrations/export.csv",
        registers.registration_export_csv,
        name="registration-export-csv",
    ),
    path(
        "registration/registrations/<uuid:registration_id>",
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
        "registration/embassy-message",
        broadcasts.embassy_message_new,
        name="embassy-message-new",
    ),
    path("registration/broadcasts", broadcasts.broadcast_list, name="broadcast-list"),
    path(
        "registration/broadcasts/<uuid:broadcast_id>",
        broadcasts.broadcast_detail,
        name="broadcast-detail",
    ),
    path(
        "registration/broadcasts/<uuid:broadcast_id>/retry",
        broadcasts.broadcast_retry,
        name="broadcast-retry",
    ),
]
