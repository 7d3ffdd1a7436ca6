"""Settings for the test suite: the real settings with test-only secrets and plain HTTP."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "t" * 40)
os.environ.setdefault("PORTAL_HTTPS", "false")
os.environ.setdefault(
    "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
)
os.environ.setdefault("MEDIA_ROOT", "/tmp/crisisportal-test-media")

from crisisportal.settings import *  # noqa: F403

# Fast hashing: the suite creates many users; production keeps Django's default.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tests read English text unless they switch language; the product default stays Dutch
# (tests/crisisportal/test_language.py checks that).
LANGUAGE_CODE = "en"
