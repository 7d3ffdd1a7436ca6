"""Forms of the triggers app, one module per page group: import from triggers.forms.<module>."""
