"""Domain model and rules (standard library only)."""
