"""The privacy dialogs: erasure, subject access, retention."""
