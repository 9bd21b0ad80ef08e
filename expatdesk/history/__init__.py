"""A record's history, read from the audit trail (read), and its values as shown (values)."""
