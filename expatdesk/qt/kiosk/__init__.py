"""The kiosk: the questionnaire expats fill in themselves."""
