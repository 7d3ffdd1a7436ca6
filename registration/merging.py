"""Extension point for person merges, so apps that depend on registration (evacuation)
can combine their own records when two persons become one, without registration
importing them (dependencies point one way).

A hook has two parts, both called inside the merge's transaction with the two person rows
locked:

- `plan(surviving, merged)` reads and returns what the merge will do with the app's
  records: `MergeStep`s describing combinations, and blocking ones where combining would
  lose or contradict something a human must decide. The merge preview shows them before
  the user confirms; `person_merge` refuses the whole merge if any step blocks.
- `apply(actor, surviving, merged)` combines the records that would otherwise break a
  uniqueness rule when moved, and returns a JSON-able record of each combination (kept on
  the PersonMerge). Rows that can simply move are left to the generic move.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MergeStep:
    message: str
    blocking: bool = False


@dataclass(frozen=True)
class MergeHook:
    name: str
    plan: Callable[[Any, Any], list[MergeStep]]
    apply: Callable[[Any, Any, Any], list[dict[str, Any]]]


_hooks: dict[str, MergeHook] = {}


def merge_hook_register(hook: MergeHook) -> None:
    """Register (or replace, by name: app reloads call this again) a merge hook."""
    _hooks[hook.name] = hook


def merge_hooks() -> list[MergeHook]:
    return list(_hooks.values())
