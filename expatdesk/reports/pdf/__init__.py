"""The targets report as a PDF that managers hand on without editing (reportlab, no Qt).

:func:`render_targets_pdf` is the one entry point (for the command line and the GUI), with
:func:`centre_name` for the name it prints; :mod:`.fonts` embeds the shipped fonts,
:mod:`.charts` draws the figures, :mod:`.targets` lays out the pages (on :mod:`.layout`, the look
it shares with :mod:`.subject_access`). reportlab is loaded only
when this package is imported, never when the command line starts.
"""

from __future__ import annotations

from expatdesk.reports.pdf.targets import render_targets_pdf
from expatdesk.reports.target_settings import read_centre_name as centre_name

__all__ = ["centre_name", "render_targets_pdf"]
