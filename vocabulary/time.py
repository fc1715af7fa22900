"""London time: every date and time the site shows or reports is in this zone."""

from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
