"""Widgets the areas share: lists read lazily, filters, editors' common parts,
date and country fields, read-only record views, printing."""
