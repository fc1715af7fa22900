"""The phased roadmap and the journey toward trauma-responsive practice."""
