"""Reports computed from the records, without Qt: figures as frozen dataclasses and JSON.

:mod:`.targets` computes targets N–Q (``shared/spec/targets.md``) from the counts that
:mod:`.target_queries` has the database aggregate, with the statistics of :mod:`.stats`.
A renderer (PDF, dashboard) reads the dataclasses; the command line writes their JSON.
"""
