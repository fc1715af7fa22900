"""The public library of promising practice."""
