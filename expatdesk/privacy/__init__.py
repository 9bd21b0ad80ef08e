"""Privacy (GDPR): erasure, retention, subject access and the log of reads."""
