"""The Trauma-Informed London practice survey: waves, questionnaire and responses."""
