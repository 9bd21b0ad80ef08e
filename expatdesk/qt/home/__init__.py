"""The home area (the desk's dashboard) and the Go to dialog."""
