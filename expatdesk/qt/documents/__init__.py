"""The documents of a case in the app: the list on the case page, opening and printing, letters."""
