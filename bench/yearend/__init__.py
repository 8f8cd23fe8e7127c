"""The year-end run of bench/year_end.py: the suite under a supervisor, the world, the stages."""
