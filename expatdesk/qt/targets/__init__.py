"""The Targets area, its settings dialog and its trend charts."""
