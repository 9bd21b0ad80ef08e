"""How the app looks and sounds to everyone (issue 16, EN 301 549): colours with a meaning taken
from the user's palette, layouts that keep room for the user's text size, accessible names built
from visible labels, and a focus ring where Qt's style shows none."""
