"""Settings for the hostile sweep's server: production, without collectstatic.

Used only by bench/bench_hostile.py, which starts gunicorn with DJANGO_ENV=production,
DJANGO_SETTINGS_MODULE=bench.hostile_settings and the variables production requires.
"""

from tilondon.settings import *  # noqa: F403
from tilondon.settings import STORAGES

# Templates name static files without a collectstatic manifest; everything else
# is production's.
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
