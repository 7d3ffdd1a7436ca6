"""The background PDF of a case list: long lists are laid out in chunks and joined."""

import io
from typing import Any

import pytest
from pypdf import PdfReader

from evacuation import pdf
from evacuation.models.requests import CaseListExport
from tests.evacuation.factories import make_case, make_person

pytestmark = pytest.mark.django_db


def _text(export: CaseListExport) -> str:
    with export.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_a_list_longer_than_a_chunk_is_one_pdf_with_every_case_once(
    crisis: Any, coordinator: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(pdf, "CHUNK", 2)
    for i in range(5):
        make_case(crisis, make_person(family_name=f"Familie{i}", nationalities=["NL"]))
    export = CaseListExport.objects.create(crisis=crisis, requested_by=coordinator)

    pdf.case_list_pdf_build(str(export.pk))

    export.refresh_from_db()
    assert (export.status, export.done, export.total) == ("done", 5, 5)
    text = _text(export)
    assert [text.count(f"Familie{i}") for i in range(5)] == [1] * 5
    assert text.count(crisis.title) == 1  # the heading only on the first chunk
    assert text.count(" CET") + text.count(" CEST") == 1  # the footer only after the last


def test_an_empty_list_is_still_a_pdf_with_its_heading(crisis: Any, coordinator: Any) -> None:
    export = CaseListExport.objects.create(
        crisis=crisis, requested_by=coordinator, filters={"status": "boarded"}
    )

    pdf.case_list_pdf_build(str(export.pk))

    export.refresh_from_db()
    assert (export.status, export.total) == ("done", 0)
    assert crisis.title in _text(export)


def test_the_list_names_groups_in_the_requesters_language(crisis: Any, coordinator: Any) -> None:
    from tests.evacuation.factories import enable

    enable(crisis, "dutch-national")
    make_case(crisis, make_person(family_name="Jansen", nationalities=["NL"]))
    coordinator.staff_profile.language = "en"
    coordinator.staff_profile.save()
    export = CaseListExport.objects.create(crisis=crisis, requested_by=coordinator)

    pdf.case_list_pdf_build(str(export.pk))

    export.refresh_from_db()
    text = _text(export)
    assert "Jansen" in text
    assert "dutch-national" not in text  # the group's name, not its code
