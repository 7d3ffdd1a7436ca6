"""Pages of trigger documents, one module per page group. Every fetch of a document goes
through triggers.permissions.access_document; objects inside it are fetched scoped to it."""
