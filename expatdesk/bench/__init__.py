"""``expatdesk bench``: how fast the desk feels on a large database, each figure beside its floor.

Every figure is measured in a child process of its own (so its peak memory is its own) and beside
a floor measured in the same run: the least the same work can cost on this machine. The ratio of
the two means something on a noisy machine where the seconds alone do not.

- :mod:`expatdesk.bench.results`: the figures, the budgets, the table and the JSON;
- :mod:`expatdesk.bench.runner`: checks the database, starts the children, collects the figures;
- :mod:`expatdesk.bench.child`: the measurements without Qt (search, opening an expat, the
  report's and the import's floors), run as ``python -m expatdesk.bench.child``;
- :mod:`expatdesk.qt.bench`: the measurements with Qt (start-up, scrolling, their floors);
- :mod:`expatdesk.bench.survey_file`: the survey file the import benchmark reads.
"""

from expatdesk import started

started()  # the figures are of the app once started, also in the bench's child processes
