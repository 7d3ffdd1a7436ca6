"""Models of the evacuation app; filled in by its own issue."""
