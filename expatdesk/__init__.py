"""ExpatDesk: case management for expat centres.

The package is split in two: the core (everything here except :mod:`expatdesk.qt`) never imports
Qt, so the domain model, database, services, statistics and the command line run and are tested
without a display; :mod:`expatdesk.qt` only presents the core and calls its services.
"""

__version__ = "0.1.0"
