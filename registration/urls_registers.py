"""URLs of the registration pages: registers (see registration/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
