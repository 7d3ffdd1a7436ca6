"""URLs of the registration pages: public (see registration/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
