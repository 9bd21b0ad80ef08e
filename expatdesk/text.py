"""Text folding for search: case- and accent-insensitive matching in every database.

Both SQLite and PostgreSQL compare the folded form that is stored beside a record's name
(``search_key``) with the folded query, so "jose" finds "José" and "muller" finds "Müller" without
collations or extensions that differ between the two engines.
"""

import unicodedata

# Letters that Unicode does not decompose into a base letter plus a combining mark.
_EXTRA = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
        "ß": "ss",
        "ẞ": "ss",
    }
)


def fold(value: str) -> str:
    """Return ``value`` without case, accents and surplus whitespace.

    >>> fold("  José  Müller-Øster ")
    'jose muller-oster'
    """
    decomposed = unicodedata.normalize("NFKD", value.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def search_terms(query: str) -> list[str]:
    """Split a user's query into folded terms; every term must match somewhere."""
    return fold(query).split()


def like_pattern(term: str) -> str:
    r"""A ``LIKE`` pattern that finds ``term`` anywhere, with ``\`` as the escape character."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def expat_search_key(given_name: str, family_name: str, email: str | None, expat_ref: str) -> str:
    """What the expat search matches: names in both orders' words, e-mail and ref, folded."""
    return fold(" ".join(part for part in (given_name, family_name, email, expat_ref) if part))


def employer_search_key(name: str, kvk_number: str | None, employer_ref: str) -> str:
    """What the employer search matches: the name, KvK number and ref, folded."""
    return fold(" ".join(part for part in (name, kvk_number, employer_ref) if part))


def case_search_key(case_ref: str, subject: str, *client_names: str | None) -> str:
    """What the cases search matches: the ref, the subject and the client's name(s), folded."""
    return fold(" ".join(part for part in (case_ref, subject, *client_names) if part))


#: How much of a BSN is ever shown: the last four digits.
BSN_VISIBLE_DIGITS = 4


def mask_bsn(bsn: str | None) -> str | None:
    """A BSN with all but its last four digits hidden: ``*****6789``."""
    if not bsn:
        return None
    hidden = max(len(bsn) - BSN_VISIBLE_DIGITS, 0)
    return "*" * hidden + bsn[hidden:]
