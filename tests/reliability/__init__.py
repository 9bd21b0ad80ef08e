"""Reliability: crashes, concurrent writers and faults lose no data; users get messages."""
