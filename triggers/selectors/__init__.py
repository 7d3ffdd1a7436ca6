"""Reads of the triggers app, one module per aggregate: import from triggers.selectors.<module>."""
