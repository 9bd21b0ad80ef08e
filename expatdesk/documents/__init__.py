"""Documents on a case: attachments (scans in) and letters from templates (out)."""
