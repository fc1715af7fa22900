"""Django's PostgreSQL backend, starting the embedded server on first connection.

A subclass of the built-in backend, as Django's documentation describes
("Subclassing the built-in database backends"): only where the server is
changes; every query, type and feature is Django's own.
"""

from pathlib import Path

from django.conf import settings
from django.db.backends.postgresql import base

from tilondon.embedded_postgres import server_start


class DatabaseWrapper(base.DatabaseWrapper):
    """The PostgreSQL backend, pointed at the embedded server once it is up."""

    def get_connection_params(self):
        """Start the server (once per process), then connect over its socket."""
        socket_dir, port = server_start(Path(settings.EMBEDDED_POSTGRES_DATA))
        self.settings_dict["HOST"] = socket_dir
        self.settings_dict["PORT"] = port
        return super().get_connection_params()
