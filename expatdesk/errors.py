"""Errors a user can act on, as opposed to bugs.

A :class:`UserError` carries a message that is already translated and complete: the command line
prints it as one line and exits non-zero, the GUI shows it in a message box. Anything else that
escapes is a bug and keeps its traceback.
"""


class UserError(Exception):
    """Something the user can fix: a bad argument, an unreachable server, an unreadable file."""

    exit_code = 1


class DatabaseError(UserError):
    """The database cannot be opened, migrated or written."""


class NewerDatabaseError(DatabaseError):
    """The database was written by a newer ExpatDesk; it is left untouched."""


class MissingDatabaseError(DatabaseError):
    """No ExpatDesk database at the place named, and the command may not create one."""

    def __init__(self, message: str, place: str) -> None:
        super().__init__(message)
        self.place = place  # the file, or the PostgreSQL database's name


class CommitUnknownError(DatabaseError):
    """The connection broke during COMMIT: the server may or may not have saved the change.

    A form that adds something keeps its request key, so saving again is safe: the service finds
    the saved row and says so (:class:`AlreadySavedError`) instead of adding a second one.
    """


class AlreadySavedError(UserError):
    """A form was saved again with the request key of a row that is already there."""

    def __init__(self, message: str, record_id: int) -> None:
        super().__init__(message)
        self.record_id = record_id
