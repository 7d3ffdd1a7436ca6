"""Measure owners and how they are reached."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User

from crisisportal.models import (
    PostMembership,
)
from triggers.models import (
    Measure,
    MeasureOwner,
    OwnerContact,
    TriggerDocument,
)


def name_key(name: str) -> str:
    """Owner names compare without case and extra spaces ("dcv " is DCV)."""
    return " ".join(name.split()).casefold()


def owner_contact_match(
    owner: str, owner_detail: str, contacts: Sequence[OwnerContact]
) -> OwnerContact | None:
    """The contact of a measure owner: the one of the same kind and name, else the one of
    the same kind without a name (e.g. Defence's general address)."""
    if owner == MeasureOwner.POST:
        return None
    same_kind = [c for c in contacts if c.kind == owner]
    key = name_key(owner_detail)
    named = next((c for c in same_kind if name_key(c.name) == key), None)
    return named or next((c for c in same_kind if not c.name), None)


def document_owner_contacts(document: TriggerDocument) -> list[OwnerContact]:
    return list(OwnerContact.objects.filter(document=document))


def text_digest(text: str) -> str:
    """A short stable digest for dedupe keys (addresses and names can be long)."""
    return hashlib.sha256(text.strip().casefold().encode()).hexdigest()[:16]


@dataclass
class MeasureOwnerGroup:
    """The due measures of one owner and how that owner is reached."""

    key: str
    kind: str
    name: str
    measures: list[Measure] = field(default_factory=list)
    users: list[User] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)

    @property
    def kind_display(self) -> Any:
        return MeasureOwner(self.kind).label

    @property
    def reachable(self) -> bool:
        return bool(self.users or self.addresses)


def measure_owner_groups(
    measures: list[Measure], document: TriggerDocument
) -> list[MeasureOwnerGroup]:
    """Group measures by owner (kind and name). The post is reached through its mailbox and its
    staff (one post when the owner names it, else every post of the document); a directorate,
    Defence or another ministry through the document's owner contacts; a measure's contact
    person by notification."""
    contacts = list(OwnerContact.objects.filter(document=document))
    posts = list(document.posts.all())
    staff: dict[Any, list[User]] = {}
    for membership in PostMembership.objects.filter(post__in=posts).select_related(
        "user__staff_profile"
    ):
        staff.setdefault(membership.post_id, []).append(membership.user)
    groups: dict[str, MeasureOwnerGroup] = {}
    for measure in measures:
        if measure.owner == MeasureOwner.POST:
            named = [p for p in posts if name_key(p.name) == name_key(measure.owner_detail)]
            owner_posts = named or posts
            key = "post:" + text_digest(",".join(sorted(str(p.pk) for p in owner_posts)))
        else:
            owner_posts = []
            key = f"{measure.owner}:{text_digest(name_key(measure.owner_detail))}"
        group = groups.get(key)
        if group is None:
            group = groups[key] = MeasureOwnerGroup(
                key=key, kind=measure.owner, name=" ".join(measure.owner_detail.split())
            )
            for post in owner_posts:
                group.users += staff.get(post.pk, [])
                if post.email:
                    group.addresses.append(post.email)
            contact = owner_contact_match(measure.owner, measure.owner_detail, contacts)
            if contact is not None:
                group.addresses.append(contact.email)
        group.measures.append(measure)
        if measure.owner_contact is not None and measure.owner_contact not in group.users:
            group.users.append(measure.owner_contact)
    return list(groups.values())
