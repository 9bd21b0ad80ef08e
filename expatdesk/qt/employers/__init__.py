"""The employers area, the employer editor and the employer chooser."""
