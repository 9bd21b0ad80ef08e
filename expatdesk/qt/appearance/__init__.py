"""How the app looks to everyone: colours with a meaning taken from the user's palette, and
layouts that keep room for the user's text size (issue 16, EN 301 549)."""
