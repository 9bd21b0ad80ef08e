"""Privacy (GDPR): erasure, the trail of an erased person (trail), leaving nothing readable
afterwards (purge), retention, subject access and the log of reads."""
