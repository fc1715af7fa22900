"""Holding back automated and bulk traffic: rate limits, client address, honeypot."""
