import pytest
from django.test import Client, override_settings
from django.urls import reverse


def test_production_default_language_is_dutch():
    from crisisportal import settings as production

    assert production.LANGUAGE_CODE == "nl"
    assert [code for code, _name in production.LANGUAGES] == ["nl", "en"]


@pytest.mark.django_db
@override_settings(LANGUAGE_CODE="nl")
def test_pages_are_dutch_by_default_and_english_on_request():
    dutch = Client().get(reverse("account_login")).content.decode()
    assert '<html lang="nl" dir="ltr">' in dutch
    assert "Inloggen" in dutch
    english = (
        Client(headers={"Accept-Language": "en"}).get(reverse("account_login")).content.decode()
    )
    assert '<html lang="en" dir="ltr">' in english
    assert "Sign in" in english
