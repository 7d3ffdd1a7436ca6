"""URLs of the registration pages: persons (see registration/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
