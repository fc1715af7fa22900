"""Settings for the survey benchmark's server: the project's, plus a bare view.

Used only by bench/bench_survey.py, which starts gunicorn with
DJANGO_SETTINGS_MODULE=bench.survey_settings and DATABASE_URL pointing at the
benchmark's throwaway database.
"""

from tilondon.settings import *  # noqa: F403
from tilondon.settings import STORAGES

ROOT_URLCONF = "bench.survey_urls"
# Templates name static files without a collectstatic manifest.
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
LOGGING = {"version": 1, "disable_existing_loggers": True}
