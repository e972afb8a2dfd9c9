"""The search index and matching models."""
