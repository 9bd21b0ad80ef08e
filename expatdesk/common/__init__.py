"""What every feature shares: lists and their paging, validation, references,
optimistic locking, code-list labels and the centre's settings."""
