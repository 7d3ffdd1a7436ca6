"""Every saved revision is kept; a reviewed version stays intact; the diff is exact."""

import pytest
from django.utils import timezone

from tests.triggers.factories import add_event, add_measure, add_scenario, make_document
from triggers.models import DocumentVersion, MeasureStatus
from triggers.selectors.versions import document_snapshot, snapshots_diff
from triggers.services.items import document_item_delete, measure_save, scenario_save
from triggers.services.observations import precursor_event_observe
from triggers.services.reviews import review_hold

pytestmark = pytest.mark.django_db


def _version(document, number):
    return DocumentVersion.objects.get(document=document, number=number)


def test_every_revision_is_a_new_version(coordinator, crisis, post_a):
    document = make_document(actor=coordinator, crisis=crisis, posts=[post_a])
    scenario = add_scenario(coordinator, document, "Fighting spreads")
    event = add_event(coordinator, scenario, "Airport closes")
    add_measure(coordinator, event, "Charter flight on standby")
    numbers = list(document.versions.order_by("number").values_list("number", "summary"))
    assert [n for n, _ in numbers] == [1, 2, 3, 4]
    assert numbers[3][1] == "Measure added: Charter flight on standby"
    latest = _version(document, 4).snapshot
    assert latest["scenarios"][0]["events"][0]["measures"][0]["title"] == (
        "Charter flight on standby"
    )


def test_saving_without_changes_adds_no_version(coordinator, crisis, post_a):
    document = make_document(actor=coordinator, crisis=crisis, posts=[post_a])
    scenario = add_scenario(coordinator, document, "Fighting spreads")
    scenario_save(
        actor=coordinator,
        document=document,
        scenario=scenario,
        kind="worse",
        title="Fighting spreads",
    )
    assert document.versions.count() == 2


def test_editing_after_review_keeps_the_reviewed_version_and_diff_is_exact(
    coordinator, crisis, post_a
):
    document = make_document(actor=coordinator, crisis=crisis, posts=[post_a])
    likely = add_scenario(coordinator, document, "Stalemate", kind="most-likely")
    worst = add_scenario(coordinator, document, "Siege of the capital", kind="worst-case")
    airport = add_event(coordinator, worst, "Airport closes")
    standby = add_measure(coordinator, airport, "Charter flight on standby")
    doomed = add_measure(coordinator, airport, "Ask partners for seats")
    review = document.reviews.get()
    review = review_hold(
        actor=coordinator,
        review=review,
        held_on=timezone.localdate(),
        took_part=review.participants.all(),
    )
    reviewed = review.approved_version
    assert reviewed is not None
    reviewed_snapshot = dict(reviewed.snapshot)

    # After the review: one change of each kind.
    measure_save(
        actor=coordinator,
        event=airport,
        measure=standby,
        title="Charter flight on standby",
        owner="defence",
        status=MeasureStatus.PREPARED,
    )
    document_item_delete(actor=coordinator, document=document, item=doomed)
    add_event(coordinator, likely, "Ceasefire talks fail")
    precursor_event_observe(
        actor=coordinator,
        event=airport,
        status="signs-observed",
        observed_on=timezone.localdate(),
        source="Embassy Alpha",
    )

    reviewed.refresh_from_db()
    assert reviewed.snapshot == reviewed_snapshot  # the approved version is untouched
    assert reviewed.number == 6

    latest = document.versions.order_by("-number").first()
    assert latest is not None
    assert latest.snapshot == document_snapshot(document)
    changes = snapshots_diff(reviewed.snapshot, latest.snapshot)
    summary = [
        (c.entity, c.change, c.title, [(f.field, f.old, f.new) for f in c.fields]) for c in changes
    ]
    assert summary == [
        (
            "event",
            "added",
            "Ceasefire talks fail",
            [("title", "", "Ceasefire talks fail"), ("status", "", "Not observed")],
        ),
        ("event", "changed", "Airport closes", [("status", "Not observed", "Signs observed")]),
        (
            "measure",
            "changed",
            "Charter flight on standby",
            [("owner", "A directorate", "Defence"), ("status", "Planned", "Prepared")],
        ),
        (
            "measure",
            "removed",
            "Ask partners for seats",
            [
                ("title", "Ask partners for seats", ""),
                ("owner", "A directorate", ""),
                ("status", "Planned", ""),
            ],
        ),
    ]


def test_compare_page_shows_two_versions_side_by_side(
    coordinator_client, coordinator, crisis, post_a
):
    document = make_document(actor=coordinator, crisis=crisis, posts=[post_a])
    scenario = add_scenario(coordinator, document, "Fighting spreads")
    scenario_save(
        actor=coordinator,
        document=document,
        scenario=scenario,
        kind="worst-case",
        title="Fighting spreads",
    )
    page = coordinator_client.get(
        f"/trigger-documents/{document.pk}/versions/compare", {"a": 2, "b": 3}
    ).content.decode()
    assert "Version 2 and version 3" in page
    assert "<del>Worse</del>" in page
    assert "<ins>Worst case (must be avoided)</ins>" in page
