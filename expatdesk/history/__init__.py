"""A record's history, read from the audit trail."""
