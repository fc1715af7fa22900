"""London time: every date and time the site shows or reports is in this zone."""

from datetime import date
from zoneinfo import ZoneInfo

from django.utils import timezone

LONDON = ZoneInfo("Europe/London")


def london_today() -> date:
    """Today's date in London, whatever the server's clock says."""
    return timezone.localdate(timezone=LONDON)
