"""Project package: settings, root URLs and WSGI entry point."""
