"""Forms of posts and their staff."""

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from crisisportal.forms.crises import staff_offer
from crisisportal.forms.fields import offered_choice
from crisisportal.forms.rendering import PortalForm, PortalModelForm
from crisisportal.models import (
    Post,
)


class PostForm(PortalModelForm):
    class Meta:
        model = Post
        fields = ["name", "kind", "country", "city", "evacuation_plan_level", "email"]


class PostStaffForm(PortalForm):
    user = offered_choice(_("Staff member"), get_user_model(), required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff_offer(self, "user")
