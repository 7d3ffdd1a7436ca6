"""Models of the triggers app; filled in by its own issue."""
