"""Which registration records a staff member may see in the portal's pages.

Built on the one access helper (crisisportal.access): missing and forbidden are both 404.

- DCC staff hold model-level permissions (DCC group): every person, registration, local
  staff member, travel advice and broadcast.
- Post staff see what belongs to their own post: the registrations of nationals in their
  post's country (or assigned to their post), the local staff their post employs, and the
  persons of those records; they send embassy messages for their post's country.
- Everybody else sees nothing of this app.

The Defence API has its own rules (registration.api.access).
"""

from typing import Any, cast

from django.contrib.auth.models import User
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django_countries import countries

from crisisportal.access import AnyUser
from crisisportal.models import Post
from registration.models import (
    Broadcast,
    BroadcastKind,
    LocalStaffEmployment,
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
    return Post.objects.filter(memberships__user=cast(User, user))  # active: an account


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
    return _get_or_404(registrations_visible(user).select_related("registrant"), registration_id)


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


# Persons --------------------------------------------------------------------------------


def persons_visible(user: AnyUser) -> QuerySet[Person]:
    """Every person for DCC staff; for post staff the persons of their post's
    registrations and local staff (and the family members of those registrations)."""
    if not _active(user):
        return Person.objects.none()
    if can_see_all_persons(user):
        return Person.objects.all()
    registrations = registrations_visible(user)
    return Person.objects.filter(
        Q(pk__in=registrations.values("registrant_id"))
        | Q(pk__in=registrations.values("members__person_id"))
        | Q(pk__in=local_staff_visible(user).values("person_id"))
    )


def access_person(user: AnyUser, person_id: Any) -> Person:
    """The person if user may see it, else 404. Who may see a person may also correct it
    (DCC staff every person, post staff the persons of their post's records)."""
    return _get_or_404(persons_visible(user), person_id)


def access_person_merge(user: AnyUser, merge_id: Any) -> PersonMerge:
    if not can_merge_persons(user):
        raise Http404
    return _get_or_404(PersonMerge.objects.select_related("merged_by"), merge_id)


# Broadcasts -----------------------------------------------------------------------------


def broadcasts_visible(user: AnyUser) -> QuerySet[Broadcast]:
    if not _active(user):
        return Broadcast.objects.none()
    if user.has_perm("registration.view_broadcast"):
        return Broadcast.objects.all()
    return Broadcast.objects.filter(country__in=staff_countries(user))


def access_broadcast(user: AnyUser, broadcast_id: Any) -> Broadcast:
    return _get_or_404(broadcasts_visible(user), broadcast_id)


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


def _get_or_404(queryset: QuerySet[Any], pk: Any) -> Any:
    try:
        return queryset.get(pk=pk)
    except (ObjectDoesNotExist, ValidationError, ValueError) as missing:
        raise Http404 from missing


__all__ = [
    "access_broadcast",
    "access_person",
    "access_person_merge",
    "access_registration",
    "access_travel_advice_country",
    "broadcasts_visible",
    "can_import_local_staff",
    "can_merge_persons",
    "can_publish_travel_advice",
    "can_see_all_persons",
    "embassy_message_countries",
    "is_registration_staff",
    "local_staff_visible",
    "may_retry_broadcast",
    "may_send_embassy_message",
    "persons_visible",
    "registration_countries_choosable",
    "registration_posts_choosable",
    "registrations_visible",
    "require_registration_staff",
    "staff_countries",
    "staff_posts",
]
