"""Staff accounts: who acts and what their role may do (actor), signing in (sign_in), managing
staff (staff), passwords, and the idle lock's setting (idle)."""
