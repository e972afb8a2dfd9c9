"""Settings for the test suite: the same settings, with safe defaults for values a test run lacks."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-deployment")
os.environ.setdefault("DJANGO_PLAIN_STATIC", "1")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")
os.environ.setdefault("HAASTEMOOTTORI_SIGNING_KEYS_SECRET", "test-only-signing-keys-secret")

from .settings import *  # noqa: F403

PUBLIC_PAGE_CACHE_SECONDS = 0  # tests that check the page cache turn it on
FRAGMENT_CACHE_SECONDS = 0  # likewise the fragment cache (core/fragments.py)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 (whitenoise warns when it is missing)

# Tests that need the real multilingual model ask for it (override_settings); the rest use a cheap one.
HAASTEMOOTTORI_EMBEDDER = "haastemoottori.search.embeddings.HashingEmbedder"
HAASTEMOOTTORI_MATCHER_REFRESH_SECONDS = 0

# Proposal attachments written by tests go to a throw-away folder.
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="haastemoottori-private-"))
atexit.register(shutil.rmtree, PRIVATE_MEDIA_ROOT, ignore_errors=True)

# Sign-up and password-reset limits are counted per client, and every test client is 127.0.0.1: tests that
# check the limits set them low themselves.
HAASTEMOOTTORI_RATE_LIMITS = {
    scope: {**limits, "per_address": 10_000, "per_client": 10_000}
    for scope, limits in HAASTEMOOTTORI_RATE_LIMITS.items()  # noqa: F405
}
# The second factor and the staff idle timeout are on in production (settings.py). Most tests sign people in with
# client.force_login and test what a role may do, not how it signed in, so both are off here; the tests of
# accounts/tests/test_second_factor.py and test_idle_timeout.py turn them on with override_settings (or use
# haastemoottori.accounts.testing.pass_second_factor for a session that has passed it).
HAASTEMOOTTORI_MFA_REQUIRED = False
HAASTEMOOTTORI_STAFF_IDLE_MINUTES = 0
