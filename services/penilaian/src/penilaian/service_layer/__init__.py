"""Command and event handlers over the unit of work."""
