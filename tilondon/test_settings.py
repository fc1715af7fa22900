"""Test settings: the real PostgreSQL engine, with fast hashing and local email."""

import os

import jinja2

from tilondon.settings import *  # noqa: F403
from tilondon.settings import DATABASES, STORAGES, TEMPLATES

# One test database per process, so parallel runs (xdist workers, or two
# developers' runs on one embedded server) never share or drop each other's.
DATABASES["default"]["TEST"] = {"NAME": f"test_tilondon_{os.getpid()}"}
DATABASES["default"]["CONN_MAX_AGE"] = 0

# Whatever DEBUG says: an undefined name in a Jinja2 partial fails the test.
TEMPLATES[1]["OPTIONS"]["undefined"] = jinja2.StrictUndefined

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# django-axes announces itself on start-up; keep test output to the results.
AXES_VERBOSE = False

# The alias DATABASE_REPLICA_URL adds, here on the test database itself, so the
# router's tests (tilondon/replica.py) can see which alias each query used.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
