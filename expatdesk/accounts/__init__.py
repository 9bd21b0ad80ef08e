"""Staff accounts: who acts and what their role may do, signing in, passwords."""
