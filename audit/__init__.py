"""The audit trail: who did what to personal data, and when."""
