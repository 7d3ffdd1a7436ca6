"""Forms of the registration pages, one module per page group."""
