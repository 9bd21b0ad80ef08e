"""Python modules generated from the Designer forms in ``ui/``; do not edit them.

Regenerate them with ``python -m expatdesk.qt.build_forms`` (or ``make forms``) after changing a
form; a test fails when they are out of date.
"""
