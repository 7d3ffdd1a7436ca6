"""Form rendering in NL Design System (Utrecht) markup, with accessible errors."""

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting

WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.CheckboxSelectMultiple, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.RadioSelect, "utrecht-radio-button utrecht-radio-button--html-input"),
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.ClearableFileInput, "utrecht-file-input"),
    (forms.widgets.Input, "utrecht-textbox utrecht-textbox--html-input"),
]


class PortalFormRenderer(TemplatesSetting):
    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"


def style_widgets(form: forms.BaseForm) -> None:
    """Give every widget its Utrecht class and mark invalid fields for assistive technology."""
    for name, field in form.fields.items():
        widget = field.widget
        css = next((c for cls, c in WIDGET_CLASSES if isinstance(widget, cls)), "")
        if css and "class" not in widget.attrs:
            widget.attrs["class"] = css
        # _errors, not errors: reading errors would validate the form before __init__ ends.
        if form._errors and name in form._errors:  # type: ignore[attr-defined]
            auto_id = form[name].auto_id
            described_by = [f"{auto_id}_errors"]
            if field.help_text:
                described_by.append(f"{auto_id}_helptext")
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["aria-describedby"] = " ".join(described_by)


class PortalStyleMixin(forms.BaseForm):
    """Styled when built and again once validated (when the errors are known)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def full_clean(self) -> None:
        super().full_clean()
        style_widgets(self)


class PortalForm(PortalStyleMixin, forms.Form):
    pass


class PortalModelForm(PortalStyleMixin, forms.ModelForm):
    pass
