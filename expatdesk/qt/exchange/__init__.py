"""Importing and exporting files at the desk."""
