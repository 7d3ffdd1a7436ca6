"""Models of the registration app; filled in by its own issue."""
