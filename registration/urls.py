"""Pages of the registration app, namespace "registration".

Public pages (no account) live under /register; staff pages under /registration. Each part
keeps its patterns in its own module so the parts can grow independently.
"""

from django.urls import path

from registration.urls_local_staff import urlpatterns as local_staff_patterns
from registration.urls_persons import urlpatterns as person_patterns
from registration.urls_public import urlpatterns as public_patterns
from registration.urls_registers import urlpatterns as register_patterns
from registration.views.index import registration_index

app_name = "registration"

urlpatterns = [
    path("registration", registration_index, name="index"),
    *public_patterns,
    *person_patterns,
    *register_patterns,
    *local_staff_patterns,
]
