"""Checking what staff type before it is saved, with a message per field.

A service collects every problem of a form in a :class:`Problems` and raises one
:class:`ValidationError` that lists them all, each naming the form field it belongs to, so a form
shows every message beside its field at once and saves nothing. The checks of single values (BSN
eleven-test, KvK number, e-mail address, dates) are plain functions that return a translated
message or ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.text import hidden_character

#: The earliest date of birth, arrival or permit the desk accepts: older dates are typing errors.
EARLIEST_DATE = date(1900, 1, 1)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_DIGITS = re.compile(r"^[0-9]+$")


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class ValidationError(UserError):
    """One or more fields hold values that cannot be saved; ``errors`` names each field."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("\n".join(error.message for error in errors))
        self.errors = errors

    def for_field(self, name: str) -> str | None:
        """The message for the field ``name``, if it has one."""
        for error in self.errors:
            if error.field == name:
                return error.message
        return None


@dataclass
class Problems:
    """The problems found so far in one form; :meth:`raise_if_any` ends the check."""

    errors: list[FieldError] = field(default_factory=list)

    def add(self, field_name: str, message: str | None) -> None:
        """Note ``message`` for ``field_name``; ``None`` (no problem) is ignored.

        Only the first message per field is kept: it is the one to fix first.
        """
        if message and field_name not in self.fields():
            self.errors.append(FieldError(field_name, message))

    def fields(self) -> set[str]:
        return {error.field for error in self.errors}

    def __iter__(self) -> Iterator[FieldError]:
        return iter(self.errors)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(list(self.errors))


def clean(text: str | None) -> str | None:
    """Text as stored: surrounding blanks removed, empty text as ``None``."""
    if text is None:
        return None
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    return text or None


def name_problem(value: str | None) -> str | None:
    """A name with a control or invisible character (:func:`expatdesk.text.hidden_character`):
    a right-to-left override or a zero-width space makes a name read as another."""
    found = hidden_character(value or "")
    if found is None:
        return None
    position, code = found
    return _("Remove the invisible or control character {code} (character {position}).").format(
        code=code, position=position
    )


def required(value: object) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return _("This field is required.")
    return None


def too_long(value: str | None, limit: int) -> str | None:
    if value is not None and len(value) > limit:
        return _("At most {limit} characters.").format(limit=limit)
    return None


def bsn_problem(bsn: str | None) -> str | None:
    """The eleven-test of a citizen service number (BSN): 9 digits, weights 9…2 and −1."""
    if not bsn:
        return None
    if not _DIGITS.match(bsn) or len(bsn) != 9:
        return _("A BSN has 9 digits.")
    total = sum(int(digit) * weight for digit, weight in zip(bsn[:8], range(9, 1, -1), strict=True))
    total -= int(bsn[8])
    if total % 11 != 0 or bsn == "000000000":
        return _("This is not a valid BSN (it fails the eleven-test); check the digits.")
    return None


def bsn_valid(bsn: str) -> bool:
    return bsn_problem(bsn) is None


def kvk_problem(kvk: str | None) -> str | None:
    """A KvK (Chamber of Commerce) number has exactly 8 digits."""
    if not kvk:
        return None
    if not _DIGITS.match(kvk) or len(kvk) != 8:
        return _("A KvK number has exactly 8 digits.")
    return None


def email_problem(email: str | None) -> str | None:
    if not email:
        return None
    if len(email) > 254 or not _EMAIL.match(email):
        return _("This is not an e-mail address (name@example.nl).")
    return None


def date_problem(value: date | None, today: date, *, future_allowed: bool = False) -> str | None:
    """A date before 1900, or (unless allowed) in the future, is a typing error."""
    if value is None:
        return None
    if value < EARLIEST_DATE:
        return _("This date lies before 1900; check the year.")
    if not future_allowed and value > today:
        return _("This date lies in the future.")
    return None


def digits_only(text: str | None) -> str | None:
    """A number as typed with spaces, dots or dashes between the digits, without them."""
    if text is None:
        return None
    stripped = re.sub(r"[\s.\-]", "", text)
    return stripped or None
