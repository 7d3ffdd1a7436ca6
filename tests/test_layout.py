"""The one layout every app shares (README, "How it is built"), kept true by the suite.

A newcomer finds a rule by the path alone: writes in <app>/services/<aggregate>.py, reads in
<app>/selectors/, access in <app>/permissions.py. These checks fail the build when a module
drifts out of that shape, so the layout does not erode one convenient shortcut at a time.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["crisisportal", "triggers", "registration", "evacuation"]
MAX_MODULE_LINES = 500


def _app_modules(app: str) -> list[Path]:
    return [
        path
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts and "__pycache__" not in path.parts
    ]


def _imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


@pytest.mark.parametrize("app", APPS)
def test_app_has_the_shared_shape(app: str) -> None:
    base = ROOT / app
    for package in ("models", "services", "forms", "views", "api"):
        assert (base / package / "__init__.py").exists(), f"{app}/{package}/ missing"
    assert (base / "selectors" / "__init__.py").exists() or (base / "selectors.py").exists()
    for module in ("permissions.py", "urls.py", "tasks.py"):
        assert (base / module).exists(), f"{app}/{module} missing"


@pytest.mark.parametrize("app", APPS)
def test_no_second_module_of_a_kind(app: str) -> None:
    """One urls.py, one permissions.py; forms, selectors and access live in their packages."""
    strays = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / app).glob("*.py")
        if path.name.startswith(("urls_", "forms_", "selectors_", "views_", "picture_"))
        or path.name == "access.py"
    ]
    strays += [path.relative_to(ROOT).as_posix() for path in (ROOT / app).glob("api/access.py")]
    assert strays == []


@pytest.mark.parametrize("app", APPS)
def test_no_app_module_over_the_limit(app: str) -> None:
    too_long = {
        path.relative_to(ROOT).as_posix(): lines
        for path in _app_modules(app)
        if (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
        and path.name != "settings.py"
    }
    assert too_long == {}


@pytest.mark.parametrize("app", APPS)
def test_services_never_import_tasks(app: str) -> None:
    """Tasks import services; services queue tasks by name (crisisportal.queue): no cycle."""
    offenders = {
        path.relative_to(ROOT).as_posix(): sorted(
            name
            for name in _imported_modules(path)
            if name.split(".")[-1] == "tasks" or ".tasks." in name
        )
        for path in (ROOT / app / "services").rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


@pytest.mark.parametrize("app", APPS)
def test_every_task_shares_the_retry_policy(app: str) -> None:
    tree = ast.parse((ROOT / app / "tasks.py").read_text())
    without_policy = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            is_task = (
                isinstance(decorator, ast.Call)
                and getattr(decorator.func, "id", "") == "shared_task"
            ) or getattr(decorator, "id", "") == "shared_task"
            if not is_task:
                continue
            keywords = decorator.keywords if isinstance(decorator, ast.Call) else []
            if not any(
                keyword.arg is None
                and any(
                    getattr(name, "id", "") == "TASK_RETRY_POLICY"
                    for name in ast.walk(keyword.value)
                )
                for keyword in keywords
            ):
                without_policy.append(node.name)
    assert without_policy == []


@pytest.mark.parametrize("app", APPS)
def test_urls_in_python_come_from_reverse(app: str) -> None:
    """A URL written as an f-string breaks silently when its route changes; reverse() does not."""
    literal_urls = []
    for path in _app_modules(app):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.JoinedStr) and node.values:
                first = node.values[0]
                if isinstance(first, ast.Constant) and str(first.value).startswith(
                    ("/crises/", "/posts/", "/registration/", "/register/", "/triggers/")
                ):
                    literal_urls.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert literal_urls == []


def test_tasks_named_by_services_and_beat_exist() -> None:
    """Services queue tasks by name (no import), so a renamed task would fail only at run
    time; every name queued in the code and every beat entry must be a registered task."""
    from celery import current_app
    from django.conf import settings

    current_app.loader.import_default_modules()
    queued_by_name = re.compile(r'(?:enqueue_on_commit|task_publish)\(\s*"([\w.]+)"')
    names = {
        name
        for app in APPS
        for path in _app_modules(app)
        for name in queued_by_name.findall(path.read_text())
    }
    names |= {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert len(names) > 10
    assert sorted(name for name in names if name not in current_app.tasks) == []
