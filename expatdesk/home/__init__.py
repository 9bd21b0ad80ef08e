"""The desk's home: what needs attention today, and Go to (quick open)."""
