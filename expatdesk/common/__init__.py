"""What every feature shares: lists and their paging, validation, references, a record's
children saved from its form, optimistic locking, code-list labels and the centre's settings."""
