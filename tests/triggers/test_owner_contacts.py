"""Measure owners without an account (Defence, a directorate, another ministry, the post) are
reached when their measures become due: one message per owner, and the coordinator hears of
the owners nobody could reach."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from crisisportal.models import Notification
from tests.triggers.factories import add_event, add_measure, add_scenario, make_document
from triggers.models import OwnerContact
from triggers.services.observations import precursor_event_observe
from triggers.services.owner_contacts import owner_contact_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(coordinator, crisis, post_a):
    return make_document(actor=coordinator, crisis=crisis, posts=[post_a])


@pytest.fixture
def airport(coordinator, document):
    scenario = add_scenario(coordinator, document, "Siege of the capital", kind="worst-case")
    event = add_event(coordinator, scenario, "Airport closes")
    add_measure(coordinator, event, "Charter flight on standby", owner="defence")
    add_measure(coordinator, event, "Evacuation team to Djibouti", owner="defence")
    add_measure(
        coordinator, event, "Reception at Schiphol", owner="other-ministry", owner_detail="JenV"
    )
    add_measure(coordinator, event, "Consular hotline", owner="directorate", owner_detail="DCV")
    add_measure(coordinator, event, "Burn classified papers", owner="post")
    return event


def _occur(actor, event, source="Embassy Alpha"):
    return precursor_event_observe(
        actor=actor,
        event=event,
        status="occurred",
        observed_on=timezone.localdate(),
        source=source,
    )


def _by_address():
    return {
        n.to_email: n.body
        for n in Notification.objects.filter(kind="trigger_measures_due").exclude(to_email="")
    }


def test_each_owner_gets_one_message_listing_its_measures_and_unreached_ones_are_reported(
    coordinator, coordinator_client, document, airport, post_a_staff
):
    owner_contact_save(
        actor=coordinator, document=document, kind="defence", name="", email="ops@mod.example"
    )
    owner_contact_save(
        actor=coordinator,
        document=document,
        kind="other-ministry",
        name="jenv ",
        email="ncc@jenv.example",
    )
    page = coordinator_client.get(f"/trigger-documents/{document.pk}").content.decode()
    assert 'data-testid="owner-contacts"' in page and "ncc@jenv.example" in page
    assert page.count('data-testid="owner-unreachable"') == 1  # DCV has no contact yet

    _occur(coordinator, airport)

    mails = _by_address()
    assert set(mails) == {"ops@mod.example", "ncc@jenv.example", "alpha@post.example"}
    # Defence's two measures arrive in one message.
    assert "Charter flight on standby" in mails["ops@mod.example"]
    assert "Evacuation team to Djibouti" in mails["ops@mod.example"]
    assert "Reception at Schiphol" not in mails["ops@mod.example"]
    assert "Reception at Schiphol" in mails["ncc@jenv.example"]
    assert "Burn classified papers" in mails["alpha@post.example"]
    staff = Notification.objects.get(kind="trigger_measures_due", recipient=post_a_staff)
    assert "Burn classified papers" in staff.body
    assert Notification.objects.filter(kind="trigger_measures_due").count() == 4

    alert = Notification.objects.get(kind="trigger_event_occurred", recipient=coordinator)
    # The alert is in the coordinator's language: look for the translated heading.
    with translation.override(coordinator.staff_profile.language):
        heading = gettext("Could not be reached (no contact known), inform them yourself:")
    assert heading in alert.body
    unreached = alert.body.split(heading, 1)[1]
    assert "DCV" in unreached and "Consular hotline" in unreached
    assert "JenV" not in unreached and "Charter flight" not in unreached

    # A second observation of the occurrence sends nothing again.
    _occur(coordinator, airport, source="Reuters")
    assert Notification.objects.filter(kind="trigger_measures_due").count() == 4


def test_named_contact_wins_over_the_general_address_of_its_kind(coordinator, document, airport):
    owner_contact_save(
        actor=coordinator, document=document, kind="directorate", name="", email="dcc@bz.example"
    )
    owner_contact_save(
        actor=coordinator, document=document, kind="directorate", name="DCV", email="dcv@bz.example"
    )
    _occur(coordinator, airport)
    mails = _by_address()
    assert "Consular hotline" in mails["dcv@bz.example"]
    assert "dcc@bz.example" not in mails


def test_owner_contact_is_validated(coordinator, coordinator_client, document):
    with pytest.raises(ValidationError) as refused:
        owner_contact_save(
            actor=coordinator, document=document, kind="post", name="", email="a@b.example"
        )
    assert "kind" in refused.value.message_dict
    owner_contact_save(
        actor=coordinator,
        document=document,
        kind="other-ministry",
        name="JenV",
        email="a@b.example",
    )
    with pytest.raises(ValidationError) as refused:
        owner_contact_save(
            actor=coordinator,
            document=document,
            kind="other-ministry",
            name="jenv",
            email="c@d.example",
        )
    assert "name" in refused.value.message_dict

    # Through the page: errors are shown and nothing is saved.
    url = f"/trigger-documents/{document.pk}/owner-contacts/new"
    response = coordinator_client.post(url, {"kind": "defence", "name": "", "email": "nonsense"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert OwnerContact.objects.count() == 1
    response = coordinator_client.post(
        url, {"kind": "defence", "name": "", "email": "ops@mod.example"}
    )
    assert response.status_code == 302
    assert OwnerContact.objects.filter(kind="defence", email="ops@mod.example").exists()


def test_owner_contacts_are_for_editors_only(document, partner_client, post_b_client):
    url = f"/trigger-documents/{document.pk}/owner-contacts/new"
    assert partner_client.get(url).status_code == 404
    assert post_b_client.get(url).status_code == 404
