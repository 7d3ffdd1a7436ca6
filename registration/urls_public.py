"""URLs of the registration pages: public (see registration/urls.py).

No personal data in these URLs; the personal link's secret appears only in the path of
`link`, which exchanges it for a session and redirects at once.
"""

from django.urls import URLPattern, path

from registration.views import public

urlpatterns: list[URLPattern] = [
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
