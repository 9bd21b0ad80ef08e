"""The cases area, one case's page, and the dialogs that open cases and record walk-ins."""
