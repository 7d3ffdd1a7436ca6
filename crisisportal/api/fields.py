"""Serializer fields and list mechanics shared by every API resource."""

import base64
import binascii
import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from django.db import models
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 100


@extend_schema_field(OpenApiTypes.DATETIME)
class UtcDateTimeField(serializers.DateTimeField):
    """ISO 8601 in UTC with a `Z`; input must state its offset (no guessing a time zone)."""

    default_error_messages = {
        "naive": "Include a time zone offset, e.g. 2025-01-31T12:00:00Z.",
        "overflow": "Date and time out of range.",
    }

    def to_representation(self, value: datetime) -> Any:
        if value is None:
            return None
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")

    def to_internal_value(self, value: Any) -> datetime:
        if isinstance(value, str) and value.strip():
            try:
                parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            except ValueError:
                parsed = None
            if parsed is not None and parsed.tzinfo is None:
                self.fail("naive")
        result = super().to_internal_value(value)
        try:
            return result.astimezone(UTC)
        except OverflowError:
            self.fail("overflow")
            raise  # pragma: no cover - fail() raises


class ListQuerySerializer(serializers.Serializer):
    """Query parameters of every collection: `pageSize` and the opaque `cursor`."""

    pageSize = serializers.IntegerField(
        min_value=1, max_value=MAX_PAGE_SIZE, default=DEFAULT_PAGE_SIZE, required=False
    )
    cursor = serializers.CharField(required=False, max_length=500)


class SyncQuerySerializer(ListQuerySerializer):
    updatedSince = UtcDateTimeField(required=False)


LIST_PARAMETERS = [
    OpenApiParameter(
        "pageSize",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
        description=f"Items per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}).",
    ),
    OpenApiParameter(
        "cursor", str, description="Opaque position from the `next` link of the previous page."
    ),
]
UPDATED_SINCE_PARAMETER = OpenApiParameter(
    "updatedSince",
    OpenApiTypes.DATETIME,
    description="Only items changed at or after this moment (ISO 8601 with offset, e.g. `Z`).",
)


def parse_query(request: Request, serializer_class: type[serializers.Serializer]) -> dict:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _encode_cursor(values: list[Any]) -> str:
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise serializers.ValidationError({"cursor": ["Invalid cursor."]}) from error
    if (
        not isinstance(values, list)
        or len(values) != 2
        or not all(isinstance(v, str) for v in values)
    ):
        raise serializers.ValidationError({"cursor": ["Invalid cursor."]})
    return values


def keyset_page(
    request: Request,
    queryset: "models.QuerySet[Any]",
    query: dict,
    *,
    order_field: str,
) -> tuple[list[Any], str | None]:
    """One page of queryset in the stable order (order_field, id), and the next page's URL.

    Keyset pagination: the cost of a page does not grow with its position, and rows
    changed while a client pages through come again later (with `updatedSince` sync).
    """
    page_size = query.get("pageSize", DEFAULT_PAGE_SIZE)
    queryset = queryset.order_by(order_field, "id")
    if query.get("cursor"):
        after_value, after_id = _decode_cursor(query["cursor"])
        field = queryset.model._meta.get_field(order_field)
        try:
            after_value_parsed = field.to_python(after_value)
            after_id_parsed = queryset.model._meta.pk.to_python(after_id)
        except Exception as error:
            raise serializers.ValidationError({"cursor": ["Invalid cursor."]}) from error
        queryset = queryset.filter(
            Q(**{f"{order_field}__gt": after_value_parsed})
            | Q(**{order_field: after_value_parsed, "id__gt": after_id_parsed})
        )
    rows = list(queryset[: page_size + 1])
    next_url = None
    if len(rows) > page_size:
        rows = rows[:page_size]
        last = rows[-1]
        value = getattr(last, order_field)
        cursor = _encode_cursor(
            [value.isoformat() if hasattr(value, "isoformat") else str(value), str(last.pk)]
        )
        params = request.query_params.copy()
        params["cursor"] = cursor
        next_url = (
            request.build_absolute_uri(request.path)
            + "?"
            + urlencode(list(params.lists()), doseq=True)
        )
    return rows, next_url


def page_serializer(item_serializer: type[serializers.Serializer], name: str) -> type:
    """The schema of a page of items: `{"results": [...], "next": url-or-null}`."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "results": item_serializer(many=True),
            "next": serializers.URLField(
                allow_null=True, help_text="Absolute URL of the next page; null on the last."
            ),
        },
    )


def parse_body(request: Request, serializer_class: type[serializers.Serializer]) -> dict:
    """The validated JSON body; every problem at once as a 400 otherwise."""
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
