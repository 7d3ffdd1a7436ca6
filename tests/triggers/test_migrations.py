"""Migration 0004: free-text participants of held reviews become their guests; documents get
the participants the old rule reminded."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from triggers.models import DocumentParticipant, Review

BEFORE = ("triggers", "0003_observation_source_links")
AFTER = ("triggers", "0004_review_participants_owner_contacts")


def _migrate(target):
    executor = MigrationExecutor(connection)
    return executor.migrate([target]).apps


@pytest.fixture
def back_to_latest():
    """Later migrations (0005 renames a table) must be applied again for the tests after this."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes("triggers"))


@pytest.mark.django_db(transaction=True)
def test_free_text_participants_become_guests_and_old_invitees_become_participants(
    coordinator, dcc_member, call_team, partner, crisis, post_a, back_to_latest
):
    try:
        old = _migrate(BEFORE)
        Document = old.get_model("triggers", "TriggerDocument")
        OldReview = old.get_model("triggers", "Review")
        document = Document.objects.create(
            title="Old document", crisis_id=crisis.pk, include_other_ministries=True
        )
        document.posts.add(post_a.pk)
        held = OldReview.objects.create(
            document=document,
            kind="small-group",
            held_on="2026-11-01",
            participants="DCC: Carla; Embassy Alpha: ambassador",
        )
        upcoming = OldReview.objects.create(
            document=document, kind="weekly", due_at="2026-12-07T09:00:00Z"
        )
    finally:
        _migrate(AFTER)  # the schema the other tests expect, whatever happened

    assert Review.objects.get(pk=held.pk).guests == "DCC: Carla; Embassy Alpha: ambassador"
    standing = {str(p) for p in DocumentParticipant.objects.filter(document_id=document.pk)}
    # DCC staff, the partner (other ministries were invited) and the post; not the call team.
    assert standing == {"Carla Coordinator", "Daan Member", "Joris Partner", "Embassy Alpha"}
    invited = {str(p) for p in Review.objects.get(pk=upcoming.pk).participants.all()}
    assert invited == standing
    assert not Review.objects.get(pk=held.pk).participants.exists()
