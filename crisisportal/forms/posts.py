"""Forms of posts and their staff."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from crisisportal.forms.crises import (
    staff_label,
)
from crisisportal.forms.rendering import PortalForm, PortalModelForm
from crisisportal.models import (
    Post,
)


class PostForm(PortalModelForm):
    class Meta:
        model = Post
        fields = ["name", "kind", "country", "city", "evacuation_plan_level", "email"]


class PostStaffForm(PortalForm):
    user = forms.ModelChoiceField(label=_("Staff member"), queryset=get_user_model().objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (  # type: ignore[attr-defined]
            get_user_model()
            .objects.filter(is_active=True, staff_profile__isnull=False)
            .order_by("email")
        )
        self.fields["user"].label_from_instance = staff_label  # type: ignore[attr-defined]
