"""Reads of the registration app, one module per aggregate; none decides who may see what
(that is registration.permissions)."""
