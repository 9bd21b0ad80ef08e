"""Signing in, the first administrator, passwords, staff accounts and the idle lock."""
