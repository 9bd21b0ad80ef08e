"""The desk's survey form and the survey responses shown on a record."""
