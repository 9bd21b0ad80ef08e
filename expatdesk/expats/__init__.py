"""Expats: the list and the record (read), the form and its checks (forms), what it chooses
from (vocabulary), registering and changing them (write), duplicates and merging."""
