"""The expats area, the expat editor, the duplicate warning and merging."""
