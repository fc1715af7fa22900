"""Sources: the publications the site cites, shared by every domain app."""
