"""Small pieces the registration pages share."""

# Rows per page of the staff lists.
PAGE_SIZE = 50
