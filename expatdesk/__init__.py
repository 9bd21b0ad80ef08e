"""ExpatDesk: case management for expat centres.

The package is split in two: the core (everything here except :mod:`expatdesk.qt`) never imports
Qt, so the domain model, database, services, statistics and the command line run and are tested
without a display; :mod:`expatdesk.qt` only presents the core and calls its services.
"""

import gc

__version__ = "0.1.0"

#: While ExpatDesk starts, its imports make some 100,000 objects that live for good, and Python's
#: cyclic collector walked them again and again as they aged (its older generations): a sixth of
#: the start-up time. Until :func:`started` only the young objects are collected (new cycles are
#: still freed); the older generations wait, as these thresholds are never reached while starting.
_GC_THRESHOLDS = gc.get_threshold()
STARTING_GC_THRESHOLDS = (_GC_THRESHOLDS[0], 100_000, 100_000)
gc.set_threshold(*STARTING_GC_THRESHOLDS)


def started() -> None:
    """The start is over (the app's window is shown, a command begins): collect as usual.

    What the start made is kept out of all later collections (``gc.freeze``): it is the modules,
    classes and caches that live as long as the process (a collection at this point finds no
    garbage among them), and walking them would cost a tenth of a second now and at every full
    collection later.
    """
    if gc.get_threshold() != STARTING_GC_THRESHOLDS:
        return  # once: a later window (after signing out) freezes nothing more
    gc.freeze()
    gc.set_threshold(*_GC_THRESHOLDS)
