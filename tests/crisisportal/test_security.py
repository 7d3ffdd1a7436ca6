import os
import secrets
import subprocess
import sys
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from tests.factories import PASSWORD, make_staff

pytestmark = pytest.mark.django_db


def test_deploy_check_is_clean_with_production_settings():
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "crisisportal.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "crisisportaal.example",
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", "postgres://postgres@localhost:5432/crisisportal"
        ),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "crisisportal.settings"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_repeated_wrong_passwords_lock_the_account(settings):
    from axes.models import AccessAttempt

    user = make_staff("target@dcc.example")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong password"})
    assert (
        AccessAttempt.objects.get(username=user.email).failures_since_start
        >= settings.AXES_FAILURE_LIMIT
    )
    locked = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    # The right password no longer works: axes locks the account (403), and allauth's own
    # rate limit may refuse first with "too many attempts".
    assert locked.status_code in (200, 403, 429)
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("crisisportal:home")).status_code == 302


def test_password_alone_does_not_sign_in_a_user_with_totp():
    user = make_staff("twofactor@dcc.example")
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("crisisportal:home")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_user_without_second_factor_is_sent_to_set_one_up(client_for):
    user = make_staff("nofactor@dcc.example", with_totp=False)
    response = client_for(user).get(reverse("crisisportal:crisis-list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_demo_accounts_skip_the_second_factor_only_in_demo_mode(settings, client_for):
    from crisisportal.models import StaffProfile

    user = make_staff("demo@dcc.example", with_totp=False)
    StaffProfile.objects.filter(user=user).update(demo_account=True)
    settings.DEMO_MODE = False
    assert client_for(user).get(reverse("crisisportal:crisis-list")).status_code == 302
    settings.DEMO_MODE = True
    assert client_for(user).get(reverse("crisisportal:crisis-list")).status_code == 200


def test_session_ends_after_thirty_idle_minutes(coordinator):
    client = Client()
    with freeze_time() as clock:
        client.force_login(coordinator)
        assert client.get(reverse("crisisportal:home")).status_code == 200
        clock.tick(timedelta(minutes=25))
        assert client.get(reverse("crisisportal:home")).status_code == 200  # activity renews
        clock.tick(timedelta(minutes=31))
        response = client.get(reverse("crisisportal:home"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_staff_pages_are_not_cached(coordinator_client):
    response = coordinator_client.get(reverse("crisisportal:home"))
    assert response["Cache-Control"] == "no-store"


def test_sign_up_is_closed(anonymous_client):
    response = anonymous_client.get(reverse("account_signup"))
    assert "sign up closed" in response.content.decode().lower()
    assert not anonymous_client.post(
        reverse("account_signup"),
        {
            "email": "x@example.org",
            "password1": "S3cure-pass-phrase",
            "password2": "S3cure-pass-phrase",
        },
    ).wsgi_request.user.is_authenticated
