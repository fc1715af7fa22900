"""The site shell: home page, information pages, error pages and health check."""
