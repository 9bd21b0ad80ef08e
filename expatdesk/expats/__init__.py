"""Expats: the list and the record (read), registering and changing them (write),
duplicates and merging."""
