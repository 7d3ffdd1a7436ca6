"""Staff pages on persons: who sees which person, search, detail with ties on both sides,
create and edit with duplicate confirmation, family ties, merges and their records, and
query counts that stay put as rows grow."""

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from crisisportal.models import PersonalDataView
from evacuation.services.cases import eligibility_override_set
from registration.models import (
    FamilyTie,
    IdentityDocument,
    NationalRegistration,
    Person,
    PersonMerge,
    RegistrationStatus,
)
from registration.services import family_tie_add, local_staff_upsert, person_merge
from tests.registration.factories import make_person
from tests.search import search, search_url

pytestmark = pytest.mark.django_db


def _registration(person: Person, country: str = "SD", **fields: Any) -> NationalRegistration:
    return NationalRegistration.objects.create(
        kind="extended",
        status=RegistrationStatus.CONFIRMED,
        country=country,
        registrant=person,
        email="someone@example.org",
        **fields,
    )


@pytest.fixture
def people(post_a: Any, post_b: Any) -> dict[str, Person]:
    """A registrant in post A's country with a spouse, local staff of post B, and a person
    nobody's post knows (only the DCC sees them)."""
    registrant = make_person(
        given_names="Mohammad",
        family_name="Ahmadi",
        date_of_birth=date(1985, 3, 1),
        nationalities=["NL", "AF"],
        phone="+249 912 345 678",
        identity_documents=[{"kind": "passport", "number": "NP1234567", "issuing_country": "NL"}],
    )
    _registration(registrant, country="SD")
    spouse = make_person(given_names="Zahra", family_name="Ahmadi", birth_year=1988)
    family_tie_add(actor=None, person=registrant, related_person=spouse, kind="spouse")
    employment, _created = local_staff_upsert(
        actor=None,
        employer="embassy",
        reference="EG-001",
        person_data={"given_names": "Omar", "family_name": "Haddad", "birth_year": 1979},
        contract_type="employment",
        role="driver",
        post=post_b,
    )
    unrelated = make_person(given_names="Ingrid", family_name="Bakker", nationalities=["NL"])
    return {
        "registrant": registrant,
        "spouse": spouse,
        "local_staff": employment.person,
        "unrelated": unrelated,
    }


def _person_pages(person: Person) -> list[str]:
    return [
        reverse("registration:person-detail", args=[person.pk]),
        reverse("registration:person-edit", args=[person.pk]),
        reverse("registration:family-tie-new", args=[person.pk]),
    ]


# Permission matrix --------------------------------------------------------------------

# Who sees which person: DCC everybody; post A its registrant and (through the tie) the
# spouse; post B its local staff member; nobody else anything.
VISIBLE = {
    "coordinator_client": {"registrant", "spouse", "local_staff", "unrelated"},
    "dcc_member_client": {"registrant", "spouse", "local_staff", "unrelated"},
    "post_a_client": {"registrant", "spouse"},
    "post_b_client": {"local_staff"},
    "call_team_client": set(),
    "partner_client": set(),
}


@pytest.mark.parametrize("client_name", sorted(VISIBLE))
def test_person_pages_permission_matrix(
    request: Any, client_name: str, people: dict[str, Person], crisis: Any
) -> None:
    client: Client = request.getfixturevalue(client_name)
    for name, person in people.items():
        expected = 200 if name in VISIBLE[client_name] else 404
        for url in _person_pages(person):
            assert client.get(url).status_code == expected, (client_name, name, url)
    staff = bool(VISIBLE[client_name])
    assert client.get(reverse("registration:person-search")).status_code == (200 if staff else 404)
    assert client.get(reverse("registration:person-new")).status_code == (200 if staff else 404)
    dcc = client_name in ("coordinator_client", "dcc_member_client")
    merge_url = reverse(
        "registration:person-merge", args=[people["registrant"].pk, people["spouse"].pk]
    )
    assert client.get(merge_url).status_code == (200 if dcc else 404)
    assert client.get(reverse("registration:merge-list")).status_code == (200 if dcc else 404)


def test_search_results_are_limited_to_visible_persons(
    post_a_client: Client, post_b_client: Client, people: dict[str, Person]
) -> None:
    url = reverse("registration:person-search")
    body = search(post_a_client, url, {"q": "Ahmadi"}).content.decode()
    assert "Ahmadi, Mohammad" in body and "Ahmadi, Zahra" in body
    body = search(post_b_client, url, {"q": "Ahmadi"}).content.decode()
    assert "No person matches." in body and "Ahmadi, Mohammad" not in body
    assert "Haddad, Omar" in search(post_b_client, url, {"q": "Haddad"}).content.decode()
    assert "No person matches." in search(post_a_client, url, {"q": "Haddad"}).content.decode()


def test_a_post_does_not_see_another_posts_registrant_through_a_merge_link(
    post_b_client: Client, people: dict[str, Person]
) -> None:
    url = reverse(
        "registration:person-merge", args=[people["local_staff"].pk, people["registrant"].pk]
    )
    assert post_b_client.get(url).status_code == 404
    assert post_b_client.post(url, {"reason": "same"}).status_code == 404
    assert Person.objects.filter(pk=people["registrant"].pk).exists()


def test_missing_person_and_merge_are_404(coordinator_client: Client) -> None:
    missing = "00000000-0000-0000-0000-000000000001"
    assert (
        coordinator_client.get(reverse("registration:person-detail", args=[missing])).status_code
        == 404
    )
    assert (
        coordinator_client.get(reverse("registration:merge-detail", args=[missing])).status_code
        == 404
    )


def test_anonymous_is_sent_to_login(anonymous_client: Client, people: dict[str, Person]) -> None:
    person = people["registrant"]
    for url in [
        reverse("registration:person-search"),
        reverse("registration:person-new"),
        *_person_pages(person),
        reverse("registration:person-merge", args=[person.pk, people["spouse"].pk]),
        reverse("registration:merge-list"),
    ]:
        response = anonymous_client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]


# Search ---------------------------------------------------------------------------------


def test_search_finds_transliterations_documents_and_phone(
    dcc_member_client: Client, people: dict[str, Person]
) -> None:
    url = reverse("registration:person-search")
    registrant = people["registrant"]
    for query in ["Muhammad Ahmadi", "Mohammed Ahmady", "NP 1234567", "+249912345678"]:
        body = search(dcc_member_client, url, {"q": query}).content.decode()
        assert reverse("registration:person-detail", args=[registrant.pk]) in body, query
    body = search(dcc_member_client, url, {"q": "Muhammad Ahmadi"}).content.decode()
    assert "1 March 1985" in body and "AF, NL" in body
    assert '<td class="utrecht-table__cell">Post</td>' in body
    assert "Bakker" not in body


def test_empty_search_shows_a_hint(dcc_member_client: Client, people: dict[str, Person]) -> None:
    response = dcc_member_client.get(reverse("registration:person-search"))
    assert "Enter a name, an identity document number or a phone number" in (
        response.content.decode()
    )
    assert not PersonalDataView.objects.filter(view_name="registration:person-search").exists()


def test_search_query_count_is_constant(
    dcc_member_client: Client, django_assert_max_num_queries: Any
) -> None:
    url = reverse("registration:person-search")
    for i in range(3):
        make_person(given_names=f"Gul {i}", family_name="Safi")
    results = search_url(dcc_member_client, url, {"q": "Safi"})
    dcc_member_client.get(results)
    # session, user, MFA, permissions (user + group), search, audit insert.
    with django_assert_max_num_queries(10) as small:
        response = dcc_member_client.get(results)
    assert response.content.decode().count("Safi, Gul") == 3
    for i in range(3, 12):
        make_person(given_names=f"Gul {i}", family_name="Safi")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = dcc_member_client.get(results)
    assert response.content.decode().count("Safi, Gul") == 12


# Detail ---------------------------------------------------------------------------------


def test_detail_shows_every_field_and_ties_on_both_persons(
    dcc_member_client: Client, dcc_member: Any, people: dict[str, Person]
) -> None:
    registrant, spouse = people["registrant"], people["spouse"]
    Person.objects.filter(pk=registrant.pk).update(
        original_script_name="محمد احمدی", location_country="SD", location_place="Khartoum"
    )
    child = make_person(given_names="Ali", family_name="Ahmadi", birth_year=2015)
    family_tie_add(
        actor=None, person=registrant, related_person=child, kind="child", dependent=True
    )
    body = dcc_member_client.get(
        reverse("registration:person-detail", args=[registrant.pk])
    ).content.decode()
    for text in [
        "Mohammad Ahmadi",
        "محمد احمدی",
        "1 March 1985",
        "AF, NL",
        "+249 912 345 678",
        "Passport NP1234567 (NL)",
        "Khartoum, SD",
        "Spouse",
        "Zahra Ahmadi",
        "Child (dependent)",
        "Ali Ahmadi",
        "Extended: messages from the embassy — SD",
    ]:
        assert text in body, text

    spouse_body = dcc_member_client.get(
        reverse("registration:person-detail", args=[spouse.pk])
    ).content.decode()
    assert "Spouse" in spouse_body and "Mohammad Ahmadi" in spouse_body
    assert "1988 (year only)" in spouse_body
    child_body = dcc_member_client.get(
        reverse("registration:person-detail", args=[child.pk])
    ).content.decode()
    assert "Parent (dependent)" in child_body and "Mohammad Ahmadi" in child_body
    viewed = PersonalDataView.objects.filter(
        user=dcc_member, view_name="registration:person-detail"
    ).first()
    assert viewed is not None and str(registrant.pk) in viewed.object_ids


def test_detail_shows_employments_and_duplicates_with_merge_link_for_the_dcc_only(
    dcc_member_client: Client, post_a_client: Client, people: dict[str, Person]
) -> None:
    registrant = people["registrant"]
    twin = make_person(given_names="Muhammad", family_name="Ahmadi", date_of_birth=date(1985, 3, 1))
    _registration(twin, country="SD")
    url = reverse("registration:person-detail", args=[registrant.pk])
    merge_url = reverse("registration:person-merge", args=[registrant.pk, twin.pk])
    body = dcc_member_client.get(url).content.decode()
    assert "Muhammad Ahmadi" in body and merge_url in body
    post_body = post_a_client.get(url).content.decode()
    assert "Muhammad Ahmadi" in post_body and merge_url not in post_body

    staff_body = dcc_member_client.get(
        reverse("registration:person-detail", args=[people["local_staff"].pk])
    ).content.decode()
    assert "Embassy (Embassy Bravo)" in staff_body and "EG-001" in staff_body
    assert "Driver" in staff_body


def test_detail_query_count_is_constant_in_ties_documents_and_permits(
    dcc_member_client: Client, django_assert_max_num_queries: Any
) -> None:
    from registration.services import person_update

    person = make_person(given_names="Gul", family_name="Safi", birth_year=1990)

    def grow(n: int) -> None:
        for i in range(n):
            family_tie_add(
                actor=None,
                person=person,
                related_person=make_person(given_names=f"Kin{i}{n}", family_name="Karimi"),
                kind="sibling",
            )
        person_update(
            actor=None,
            person=person,
            residence_permits=[{"territory": "NL", "valid_until": date(2030, 1, i + 1)}
                               for i in range(n)],
            identity_documents=[
                {"kind": "passport", "number": f"X{n}{i}", "issuing_country": "AF"}
                for i in range(n)
            ],
        )  # fmt: skip

    url = reverse("registration:person-detail", args=[person.pk])
    grow(1)
    dcc_member_client.get(url)
    # session, user, MFA, perms ×2, person, post, ties, permits, documents, duplicate
    # lookup (documents, trigram search with its threshold), visible ids, registrations,
    # employments, merges, audit insert.
    with django_assert_max_num_queries(24) as small:
        dcc_member_client.get(url)
    grow(3)
    with django_assert_max_num_queries(len(small.captured_queries)):
        body = dcc_member_client.get(url).content.decode()
    assert body.count("Sibling") == 4 and "X32" in body


# Create and edit ------------------------------------------------------------------------


def _person_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "given_names": "Muhammad",
        "family_name": "Ahmadi",
        "original_script_name": "",
        "date_of_birth": "1985-03-01",
        "birth_year": "",
        "sex": "male",
        "nationalities": "af, nl",
        "phone": "",
        "email": "",
        "messaging_handle": "",
        "location_country": "",
        "location_place": "",
        "source": "post",
        "permits-TOTAL_FORMS": "1",
        "permits-INITIAL_FORMS": "0",
        "permits-0-territory": "",
        "permits-0-valid_until": "",
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "0",
        "documents-0-kind": "",
        "documents-0-number": "",
        "documents-0-issuing_country": "",
        "documents-0-expires_on": "",
    }
    data.update(overrides)
    return data


def test_create_shows_duplicates_and_needs_confirmation(
    dcc_member_client: Client, people: dict[str, Person]
) -> None:
    url = reverse("registration:person-new")
    before = Person.objects.count()
    response = dcc_member_client.post(url, _person_post())
    assert response.status_code == 200
    body = response.content.decode()
    assert "This person may already be registered" in body
    assert reverse("registration:person-detail", args=[people["registrant"].pk]) in body
    assert Person.objects.count() == before

    shown = str(people["registrant"].pk)
    response = dcc_member_client.post(
        url, _person_post(confirm_different="on", shown=shown, source="call-team")
    )
    assert response.status_code == 302
    created = Person.objects.get(given_names="Muhammad")
    assert response["Location"] == reverse("registration:person-detail", args=[created.pk])
    assert created.nationalities == ["AF", "NL"] and created.source == "call-team"


def test_confirmation_covers_only_the_candidates_shown(
    dcc_member_client: Client, people: dict[str, Person]
) -> None:
    # Another candidate appeared since the page was shown (or the id was made up): asked again.
    response = dcc_member_client.post(
        reverse("registration:person-new"),
        _person_post(confirm_different="on", shown="00000000-0000-0000-0000-000000000000"),
    )
    assert response.status_code == 200
    assert "This person may already be registered" in response.content.decode()
    assert not Person.objects.filter(given_names="Muhammad").exists()


def test_create_with_permits_and_documents_by_post_staff(
    post_a_client: Client, post_a: Any, people: dict[str, Person]
) -> None:
    response = post_a_client.post(
        reverse("registration:person-new"),
        _person_post(
            given_names="Fatima",
            family_name="Noori",
            date_of_birth="",
            birth_year="1992",
            nationalities="AF",
            registered_by_post=str(post_a.pk),
            **{
                "permits-0-territory": "CW",
                "permits-0-valid_until": "2031-06-30",
                "documents-0-kind": "passport",
                "documents-0-number": "AF998877",
                "documents-0-issuing_country": "af",
            },
        ),
    )
    assert response.status_code == 302
    person = Person.objects.get(family_name="Noori")
    assert person.birth_year == 1992 and person.registered_by_post == post_a
    assert person.residence_permits.get().territory == "CW"
    assert IdentityDocument.objects.get(person=person).issuing_country == "AF"
    # The post keeps seeing the person it registered.
    body = post_a_client.get(response["Location"]).content.decode()
    assert "Curaçao" in body and "AF998877" in body and "Embassy Alpha" in body


def test_bad_input_is_shown_in_the_page_and_nothing_is_written(
    dcc_member_client: Client,
) -> None:
    before = (Person.objects.count(), IdentityDocument.objects.count())
    response = dcc_member_client.post(
        reverse("registration:person-new"),
        _person_post(
            given_names="Nadia",
            family_name="Rahimi",
            date_of_birth="2080-01-01",
            nationalities="NL, XX",
            **{
                "documents-0-kind": "passport",
                "documents-0-number": "",
                "documents-0-issuing_country": "ZZ",
            },
        ),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Unknown country code: XX" in body
    assert "Unknown country code: ZZ" in body
    assert 'aria-invalid="true"' in body
    assert (Person.objects.count(), IdentityDocument.objects.count()) == before

    # Form-valid but refused by the service: the error is in the page, nothing written.
    response = dcc_member_client.post(
        reverse("registration:person-new"),
        _person_post(given_names="Nadia", family_name="Rahimi", date_of_birth="2080-01-01"),
    )
    assert response.status_code == 200
    assert "The date of birth is in the future." in response.content.decode()
    assert (Person.objects.count(), IdentityDocument.objects.count()) == before


def test_edit_replaces_documents_and_keeps_the_source(
    dcc_member_client: Client, people: dict[str, Person]
) -> None:
    person = people["spouse"]
    url = reverse("registration:person-edit", args=[person.pk])
    form_page = dcc_member_client.get(url).content.decode()
    assert 'value="Zahra"' in form_page and 'value="1988"' in form_page
    response = dcc_member_client.post(
        url,
        _person_post(
            given_names="Zahra",
            family_name="Ahmadi",
            date_of_birth="",
            birth_year="1988",
            nationalities="AF",
            phone="+249 911 000 111",
            source="call-team",
            **{
                "documents-0-kind": "identity-card",
                "documents-0-number": "TZ-55",
                "documents-0-issuing_country": "AF",
            },
        ),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "+249 911 000 111" and person.source == "post"
    assert list(person.identity_documents.values_list("number", flat=True)) == ["TZ-55"]


# Family ties ----------------------------------------------------------------------------


def test_add_a_tie_by_searching_among_visible_persons_and_remove_it(
    post_a_client: Client, post_a: Any, people: dict[str, Person]
) -> None:
    registrant, spouse = people["registrant"], people["spouse"]
    FamilyTie.objects.all().delete()
    # Without the tie the spouse is post A's only because post A registered her.
    Person.objects.filter(pk=spouse.pk).update(registered_by_post=post_a)
    url = reverse("registration:family-tie-new", args=[registrant.pk])
    page = search(post_a_client, url, {"q": "Zahra Ahmadi", "find": "1"}).content.decode()
    assert "Zahra Ahmadi (1988)" in page
    # Persons of another post are not offered.
    assert (
        "Omar Haddad"
        not in search(post_a_client, url, {"q": "Haddad", "find": "1"}).content.decode()
    )

    response = post_a_client.post(
        url,
        {"q": "Zahra Ahmadi", "related_person": str(spouse.pk), "kind": "registered-partner"},
    )
    assert response.status_code == 302
    assert FamilyTie.objects.get(person=spouse).kind == "registered-partner"
    spouse_page = post_a_client.get(
        reverse("registration:person-detail", args=[spouse.pk])
    ).content.decode()
    assert "Registered partner" in spouse_page and "Mohammad Ahmadi" in spouse_page

    # Another post's person posted by hand is refused as a choice.
    response = post_a_client.post(
        url,
        {"q": "Haddad", "related_person": str(people["local_staff"].pk), "kind": "sibling"},
    )
    assert response.status_code == 200
    assert not FamilyTie.objects.filter(related_person=people["local_staff"]).exists()

    tie = FamilyTie.objects.get(person=registrant)
    remove_url = reverse("registration:family-tie-remove", args=[registrant.pk, tie.pk])
    confirm_page = post_a_client.get(remove_url).content.decode()
    assert "Zahra Ahmadi is recorded as Registered partner of Mohammad Ahmadi." in confirm_page
    assert FamilyTie.objects.count() == 2
    assert post_a_client.post(remove_url).status_code == 302
    assert FamilyTie.objects.count() == 0


def test_a_tie_to_oneself_is_refused_in_the_page(
    dcc_member_client: Client, people: dict[str, Person]
) -> None:
    registrant = people["registrant"]
    url = reverse("registration:family-tie-new", args=[registrant.pk])
    # The person itself is not offered; posting it anyway is not a valid choice.
    response = dcc_member_client.post(
        url, {"q": "Mohammad Ahmadi", "related_person": str(registrant.pk), "kind": "sibling"}
    )
    assert response.status_code == 200
    assert not FamilyTie.objects.filter(kind="sibling").exists()


# Merges ---------------------------------------------------------------------------------


def test_merge_preview_and_confirm_moves_ties_and_registrations(
    coordinator_client: Client, coordinator: Any, people: dict[str, Person]
) -> None:
    surviving, spouse = people["registrant"], people["spouse"]
    merged = make_person(
        given_names="Muhammad",
        family_name="Ahmadi",
        date_of_birth=date(1985, 3, 1),
        email="m.ahmadi@example.org",
    )
    registration = _registration(merged, country="SD")
    child = make_person(given_names="Ali", family_name="Ahmadi", birth_year=2015)
    family_tie_add(actor=None, person=merged, related_person=child, kind="child", dependent=True)

    url = reverse("registration:person-merge", args=[surviving.pk, merged.pk])
    preview = coordinator_client.get(url).content.decode()
    for text in [
        "Mohammad Ahmadi",
        "Muhammad Ahmadi",
        "m.ahmadi@example.org",
        "Family ties: 1",
        "Registrations of nationals abroad: 1",
        reverse("registration:person-merge", args=[merged.pk, surviving.pk]),  # swap
    ]:
        assert text in preview, text

    # The reason is required: nothing merges without it.
    response = coordinator_client.post(url, {"reason": ""})
    assert response.status_code == 200 and Person.objects.filter(pk=merged.pk).exists()

    response = coordinator_client.post(url, {"reason": "Same passport seen at the embassy"})
    assert response.status_code == 302
    assert response["Location"] == reverse("registration:person-detail", args=[surviving.pk])
    assert not Person.objects.filter(pk=merged.pk).exists()
    registration.refresh_from_db()
    assert registration.registrant_id == surviving.pk
    assert FamilyTie.objects.filter(person=surviving, related_person=child).exists()
    assert FamilyTie.objects.filter(person=surviving, related_person=spouse).exists()
    merge = PersonMerge.objects.get()
    assert merge.merged_by == coordinator and merge.reason == "Same passport seen at the embassy"
    surviving.refresh_from_db()
    assert surviving.email == "m.ahmadi@example.org"

    page = coordinator_client.get(response["Location"]).content.decode()
    assert "The records have been merged." in page
    assert reverse("registration:merge-detail", args=[merge.pk]) in page
    assert "Ali Ahmadi" in page


def test_blocking_merge_is_refused_with_a_message(
    coordinator_client: Client, coordinator: Any, crisis: Any
) -> None:
    surviving = make_person(given_names="Gul", family_name="Safi")
    merged = make_person(given_names="Gul", family_name="Safi")
    for person, effect in ((surviving, "include"), (merged, "exclude")):
        eligibility_override_set(
            actor=coordinator,
            crisis=crisis,
            person=person,
            group_code="interpreter",
            effect=effect,
            justification=f"Decided {effect}",
        )
    url = reverse("registration:person-merge", args=[surviving.pk, merged.pk])
    preview = coordinator_client.get(url).content.decode()
    assert "contradict each other" in preview
    assert "Merge the records" not in preview

    response = coordinator_client.post(url, {"reason": "Same person"}, follow=True)
    assert "contradict each other" in response.content.decode()
    assert Person.objects.filter(pk=merged.pk).exists()
    assert not PersonMerge.objects.exists()


def test_merge_record_page_shows_snapshot_and_moved_rows(
    coordinator_client: Client, coordinator: Any, people: dict[str, Person]
) -> None:
    surviving = people["registrant"]
    merged = make_person(
        given_names="Mohammed", family_name="Ahmadi", phone="+93 700 555 444", birth_year=1985
    )
    registration = _registration(merged, country="SD")
    merged_id = str(merged.pk)
    merge = person_merge(actor=coordinator, surviving=surviving, merged=merged, reason="Dup")

    body = coordinator_client.get(
        reverse("registration:merge-detail", args=[merge.pk])
    ).content.decode()
    for text in [
        "Carla Coordinator",
        "Dup",
        "Mohammed Ahmadi",
        merged_id,
        "+93 700 555 444",
        "registration.NationalRegistration",
        str(registration.pk),
        "registrant",
    ]:
        assert text in body, text
    listing = coordinator_client.get(reverse("registration:merge-list")).content.decode()
    assert "Mohammed Ahmadi" in listing and "Mohammad Ahmadi" in listing
    assert reverse("registration:merge-detail", args=[merge.pk]) in listing


def test_merge_list_query_count_is_constant(
    coordinator_client: Client, coordinator: Any, django_assert_max_num_queries: Any
) -> None:
    def merges(n: int) -> None:
        for i in range(n):
            kept = make_person(given_names=f"K{i}{n}", family_name="Kept")
            gone = make_person(given_names=f"G{i}{n}", family_name="Gone")
            person_merge(actor=coordinator, surviving=kept, merged=gone, reason="dup")

    url = reverse("registration:merge-list")
    merges(2)
    coordinator_client.get(url)
    with django_assert_max_num_queries(11) as small:
        coordinator_client.get(url)
    merges(6)
    with django_assert_max_num_queries(len(small.captured_queries)):
        body = coordinator_client.get(url).content.decode()
    assert body.count("Kept") == 8
