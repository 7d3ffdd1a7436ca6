"""Which registration records a staff member may see in the portal's pages.

Built on the one access helper (crisisportal.permissions): missing and forbidden are both 404.

- DCC staff hold model-level permissions (DCC group): every person, registration, local
  staff member, travel advice and broadcast.
- Post staff see what belongs to their own post: the registrations of nationals in their
  post's country (or assigned to their post), the local staff their post employs, and the
  persons of those records; they send embassy messages for their post's country.
- Everybody else sees nothing of this app.
- A national abroad sees only their own registration, on the public pages, through the
  browser session their personal link opened (registration.views.public_session).

The Defence API has its own rules (registration.api.permissions).
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django_countries import countries

from crisisportal.models import Post
from crisisportal.permissions import AnyUser, scoped_object_or_404
from registration.models import (
    Broadcast,
    BroadcastKind,
    FamilyTie,
    LocalStaffEmployment,
    LocalStaffImportUpload,
    NationalRegistration,
    Person,
    PersonMerge,
)


def _active(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def staff_posts(user: AnyUser) -> QuerySet[Post]:
    """The posts user works at (post staff)."""
    if not _active(user):
        return Post.objects.none()
    return Post.objects.filter(memberships__user__pk=user.pk or 0)


def staff_countries(user: AnyUser) -> list[str]:
    """The countries of the posts user works at (their registrations are the post's)."""
    return sorted({str(code) for code in staff_posts(user).values_list("country", flat=True)})


def is_registration_staff(user: AnyUser) -> bool:
    """May open the registration pages at all (DCC, or staff of some post)."""
    return can_see_all_persons(user) or staff_posts(user).exists()


def can_see_all_persons(user: AnyUser) -> bool:
    return _active(user) and user.has_perm("registration.view_person")


def can_merge_persons(user: AnyUser) -> bool:
    return _active(user) and user.has_perm("registration.merge_person")


def can_publish_travel_advice(user: AnyUser) -> bool:
    return _active(user) and user.has_perm("registration.add_traveladvice")


def can_import_local_staff(user: AnyUser) -> bool:
    return _active(user) and user.has_perm("registration.add_localstaffemployment")


# Registrations of nationals abroad ----------------------------------------------------


def registrations_visible(user: AnyUser) -> QuerySet[NationalRegistration]:
    if not _active(user):
        return NationalRegistration.objects.none()
    if user.has_perm("registration.view_nationalregistration"):
        return NationalRegistration.objects.all()
    posts = staff_posts(user)
    return NationalRegistration.objects.filter(
        Q(post__in=posts) | Q(country__in=posts.values("country"))
    )


def access_registration(user: AnyUser, registration_id: Any) -> NationalRegistration:
    return scoped_object_or_404(
        registrations_visible(user).select_related("registrant"), pk=registration_id
    )


def require_registration_staff(user: AnyUser) -> None:
    """The registers, travel advice and broadcast pages exist only for registration staff."""
    if not is_registration_staff(user):
        raise Http404


def registration_countries_choosable(user: AnyUser) -> list[str] | None:
    """The countries user may filter the registers by: None for every country (DCC), else
    the countries of their posts."""
    if _active(user) and user.has_perm("registration.view_nationalregistration"):
        return None
    return staff_countries(user)


def registration_posts_choosable(user: AnyUser) -> QuerySet[Post]:
    """The posts user may filter the registers by: every post for DCC, else their own."""
    if _active(user) and user.has_perm("registration.view_nationalregistration"):
        return Post.objects.all()
    return staff_posts(user)


# Local staff ----------------------------------------------------------------------------


def local_staff_visible(user: AnyUser) -> QuerySet[LocalStaffEmployment]:
    if not _active(user):
        return LocalStaffEmployment.objects.none()
    if user.has_perm("registration.view_localstaffemployment"):
        return LocalStaffEmployment.objects.all()
    return LocalStaffEmployment.objects.filter(post__in=staff_posts(user))


def may_open_local_staff(user: AnyUser) -> bool:
    """The register's pages: DCC staff, and staff of a post (who see their post's part)."""
    if not _active(user):
        return False
    return user.has_perm("registration.view_localstaffemployment") or staff_posts(user).exists()


def can_register_local_staff(user: AnyUser) -> bool:
    """DCC staff register anyone's staff; post staff the staff of their own post."""
    if not _active(user):
        return False
    return user.has_perm("registration.add_localstaffemployment") or staff_posts(user).exists()


def local_staff_posts(user: AnyUser) -> QuerySet[Post]:
    """The posts user may register embassy staff for."""
    if not _active(user):
        return Post.objects.none()
    if user.has_perm("registration.add_localstaffemployment"):
        return Post.objects.all()
    return staff_posts(user)


def access_local_staff(user: AnyUser, employment_id: Any) -> LocalStaffEmployment:
    return scoped_object_or_404(
        local_staff_visible(user).select_related("person", "post"), pk=employment_id
    )


def access_local_staff_for_change(user: AnyUser, employment_id: Any) -> LocalStaffEmployment:
    """Who may see a staff member may correct it: DCC staff every one (change permission),
    post staff those of their post."""
    if not _active(user):
        raise Http404
    if user.has_perm("registration.change_localstaffemployment"):
        queryset = LocalStaffEmployment.objects.all()
    else:
        queryset = LocalStaffEmployment.objects.filter(post__in=staff_posts(user))
    return scoped_object_or_404(queryset.select_related("person", "post"), pk=employment_id)


def access_local_staff_upload(user: AnyUser, upload_id: Any) -> LocalStaffImportUpload:
    """An uploaded import file is its uploader's alone (it is personal data not yet in the
    register): another DCC member gets a 404 like a missing upload."""
    if not can_import_local_staff(user):
        raise Http404
    # The file itself (up to 20 MB) is for the worker only, not for every progress poll.
    uploads = LocalStaffImportUpload.objects.filter(uploaded_by_id=user.pk).defer("content")
    return scoped_object_or_404(uploads, pk=upload_id)


# Persons --------------------------------------------------------------------------------


def persons_visible(user: AnyUser) -> QuerySet[Person]:
    """Every person for DCC staff; for post staff the persons of their post's
    registrations (registrants and accompanying family) and local staff, the persons
    their post entered in the portal, and the family members of all of those (a local
    staff member's family is registered with them)."""
    if not _active(user):
        return Person.objects.none()
    if can_see_all_persons(user):
        return Person.objects.all()
    registrations = registrations_visible(user)
    own = (
        Q(pk__in=registrations.values("registrant_id"))
        | Q(pk__in=registrations.values("members__person_id"))
        | Q(pk__in=local_staff_visible(user).values("person_id"))
        | Q(registered_by_post__in=staff_posts(user))
    )
    family = FamilyTie.objects.filter(person__in=Person.objects.filter(own)).values(
        "related_person_id"
    )
    return Person.objects.filter(own | Q(pk__in=family))


def persons_visible_among(user: AnyUser, person_ids: Iterable[Any]) -> set[Any]:
    """Which of these persons user may open (one query, whatever the number): a post must
    not learn of other posts' records through a tie or a duplicate candidate."""
    ids = list(person_ids)
    if not ids:
        return set()
    return set(persons_visible(user).filter(pk__in=ids).values_list("pk", flat=True))


def access_person(user: AnyUser, person_id: Any) -> Person:
    """The person if user may see it, else 404. Who may see a person may also correct it
    (DCC staff every person, post staff the persons of their post's records)."""
    return scoped_object_or_404(persons_visible(user), pk=person_id)


def can_create_persons(user: AnyUser) -> bool:
    """DCC staff, and staff of a post (the person is then registered by their post)."""
    if not _active(user):
        return False
    return user.has_perm("registration.add_person") or staff_posts(user).exists()


def access_family_tie(user: AnyUser, person: Person, tie_id: Any) -> FamilyTie:
    """A tie of a person the user may see (access_person first), as seen from that person."""
    return scoped_object_or_404(
        FamilyTie.objects.filter(person=person).select_related("person", "related_person"),
        pk=tie_id,
    )


def access_persons_to_merge(
    user: AnyUser, surviving_id: Any, merged_id: Any
) -> tuple[Person, Person]:
    """Both persons of a merge preview: only for users who may merge, each one visible."""
    if not can_merge_persons(user):
        raise Http404
    return access_person(user, surviving_id), access_person(user, merged_id)


def person_merges_visible(user: AnyUser) -> QuerySet[PersonMerge]:
    """Merge records are for the staff who merge (DCC): they hold snapshots of removed
    records, whatever post those belonged to."""
    if not can_merge_persons(user):
        return PersonMerge.objects.none()
    return PersonMerge.objects.all()


def access_person_merge(user: AnyUser, merge_id: Any) -> PersonMerge:
    if not can_merge_persons(user):
        raise Http404
    return scoped_object_or_404(
        person_merges_visible(user).select_related("merged_by", "surviving_person"), pk=merge_id
    )


# Broadcasts -----------------------------------------------------------------------------


def broadcasts_visible(user: AnyUser) -> QuerySet[Broadcast]:
    if not _active(user):
        return Broadcast.objects.none()
    if user.has_perm("registration.view_broadcast"):
        return Broadcast.objects.all()
    return Broadcast.objects.filter(country__in=staff_countries(user))


def access_broadcast(user: AnyUser, broadcast_id: Any) -> Broadcast:
    return scoped_object_or_404(broadcasts_visible(user), pk=broadcast_id)


def embassy_message_countries(user: AnyUser) -> list[str] | None:
    """The countries user may message: None for every country (DCC), else their posts'."""
    if not _active(user):
        return []
    if user.has_perm("registration.add_broadcast"):
        return None
    return staff_countries(user)


def access_travel_advice_country(user: AnyUser, country: str) -> str:
    """The country's code (upper case) if it is a country and user is registration staff;
    travel advice is public information, so every registration staff member reads all of it."""
    code = country.upper()
    if not is_registration_staff(user) or not countries.alpha2(code):
        raise Http404
    return code


def may_retry_broadcast(user: AnyUser, broadcast: Broadcast) -> bool:
    """Who could have sent the broadcast may retry its failed deliveries."""
    if broadcast.kind == BroadcastKind.TRAVEL_ADVICE:
        return can_publish_travel_advice(user)
    return may_send_embassy_message(user, broadcast.country)


def may_send_embassy_message(user: AnyUser, country: str) -> bool:
    """DCC staff for any country, post staff for their post's country."""
    if not _active(user):
        return False
    if user.has_perm("registration.add_broadcast"):
        return True
    return country.upper() in staff_countries(user)


__all__ = [
    "access_broadcast",
    "access_family_tie",
    "access_local_staff",
    "access_local_staff_for_change",
    "access_local_staff_upload",
    "access_person",
    "access_person_merge",
    "access_persons_to_merge",
    "access_registration",
    "access_travel_advice_country",
    "broadcasts_visible",
    "can_create_persons",
    "can_import_local_staff",
    "can_merge_persons",
    "can_publish_travel_advice",
    "can_register_local_staff",
    "can_see_all_persons",
    "embassy_message_countries",
    "is_registration_staff",
    "local_staff_posts",
    "local_staff_visible",
    "may_open_local_staff",
    "may_retry_broadcast",
    "may_send_embassy_message",
    "person_merges_visible",
    "persons_visible",
    "persons_visible_among",
    "registration_countries_choosable",
    "registration_posts_choosable",
    "registrations_visible",
    "require_registration_staff",
    "staff_countries",
    "staff_posts",
]
