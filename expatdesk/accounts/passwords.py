"""Passwords as memory-hard hashes, and sign-ins that slow down after failures.

A password is stored as ``scrypt$n$r$p$salt$hash`` (salt and hash in base64): scrypt with
n = 2¹⁴, r = 8, p = 1 needs 16 MiB and a noticeable fraction of a second per guess, so a stolen
database file does not give away the passwords quickly. Checking compares in constant time and
reads the parameters from the stored text, so stronger parameters later still check old hashes.

A new password must not be a common one: :func:`is_common` checks it against the list shipped in
``resources/common-passwords.txt`` (words and keyboard patterns that guessers try first, in
English and Dutch), also with digits and punctuation around them, repeated, or with the username.

After a failed sign-in the next attempt is refused until a delay has passed that doubles with
every further failure (1, 2, 4, … seconds, at most five minutes); a good sign-in resets it.
:class:`Throttle` keeps such counts in memory where the database cannot (unknown usernames,
PostgreSQL logins); staff accounts on SQLite keep them in ``staff_user``.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import math
import os
import string
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32
_SCHEME = "scrypt"
#: scrypt's memory limit: room for the parameters above with some to spare, no more.
_MAX_MEMORY = 64 * 1024 * 1024

#: The list of common passwords and words, one a line (``#`` starts a comment).
COMMON_PASSWORDS = Path(__file__).resolve().parents[2] / "resources" / "common-passwords.txt"
_AROUND = string.digits + string.punctuation + string.whitespace

#: The longest wait after repeated failures, in seconds.
MAX_DELAY_SECONDS = 300


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=_MAX_MEMORY
    )


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """The text to store for ``password``: ``scrypt$n$r$p$salt$hash``.

    ``salt`` is random unless given (the demo data gives a seeded one to stay reproducible).
    """
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    key = _derive(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_BYTES)
    return f"{_SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


@functools.cache
def _dummy_hash() -> str:
    return hash_password("", salt=bytes(SALT_BYTES))


def check_password(password: str, stored: str | None) -> bool:
    """Whether ``password`` matches the ``stored`` hash.

    Without a (readable) stored hash the same work is done against a dummy one, so an account
    without a password, or no account at all, takes as long to refuse as a wrong password.
    """
    parsed = _parse(stored) if stored else None
    if parsed is None:
        parsed = _parse(_dummy_hash())
        assert parsed is not None
        n, r, p, salt, key = parsed
        hmac.compare_digest(_derive(password, salt, n, r, p, len(key)), key)
        return False
    n, r, p, salt, key = parsed
    return hmac.compare_digest(_derive(password, salt, n, r, p, len(key)), key)


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != _SCHEME:
        return None
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt = base64.b64decode(parts[4], validate=True)
        key = base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error):
        return None
    if n < 2 or n & (n - 1) or not 1 <= r <= 64 or not 1 <= p <= 16 or not key:
        return None
    if 128 * r * n > _MAX_MEMORY // 2:
        return None
    return n, r, p, salt, key


def delay(failures: int) -> timedelta:
    """How long the next attempt must wait after ``failures`` failed ones in a row."""
    if failures <= 0:
        return timedelta(0)
    return timedelta(seconds=min(2 ** min(failures - 1, 30), MAX_DELAY_SECONDS))


def seconds_to_wait(failures: int, last_failure: datetime | None, now: datetime) -> int:
    """Whole seconds (rounded up) until the next attempt is allowed; 0 when it is now."""
    if failures <= 0 or last_failure is None:
        return 0
    remaining = (last_failure + delay(failures) - now).total_seconds()
    return max(0, math.ceil(remaining))


@dataclass
class _Failures:
    count: int
    last: datetime


class Throttle:
    """Failed attempts per key (a database and a username), in this process's memory."""

    def __init__(self) -> None:
        self._failures: dict[tuple[str, str], _Failures] = {}
        self._lock = threading.Lock()

    def seconds_to_wait(self, key: tuple[str, str], now: datetime) -> int:
        with self._lock:
            failures = self._failures.get(key)
        if failures is None:
            return 0
        return seconds_to_wait(failures.count, failures.last, now)

    def failed(self, key: tuple[str, str], now: datetime) -> None:
        with self._lock:
            failures = self._failures.get(key)
            if failures is None:
                self._failures[key] = _Failures(1, now)
            else:
                failures.count += 1
                failures.last = now

    def succeeded(self, key: tuple[str, str]) -> None:
        with self._lock:
            self._failures.pop(key, None)


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords, lower case."""
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


def _repeated_unit(text: str) -> str:
    """The shortest piece of which ``text`` is a repetition (``text`` itself if none)."""
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            return text[:size]
    return text


def is_common(password: str, username: str | None = None) -> bool:
    """Whether ``password`` is among the first guesses: in the common list; or, without the
    digits and punctuation around it and repeats, a common word, the username, or nothing
    but digits and punctuation."""
    common = common_passwords()
    folded = password.strip().lower()
    if folded in common:
        return True
    core = folded.strip(_AROUND)
    if not core:
        return True  # only digits and punctuation: "123456789012", "2026-11-26!!"
    if min(len(_repeated_unit(folded)), len(_repeated_unit(core))) <= 4:
        return True  # "abcabcabcabc", "xxxxxxxxxxxx1"
    candidates = {core, _repeated_unit(core), _repeated_unit(folded)}
    if username:
        candidates |= {core.replace(username, ""), folded.replace(username, "").strip(_AROUND)}
    return any(candidate in common or not candidate for candidate in candidates)
