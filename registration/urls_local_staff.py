"""URLs of the registration pages: local_staff (see registration/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
