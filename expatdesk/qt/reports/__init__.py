"""The Reports area: the targets report as PDF."""
