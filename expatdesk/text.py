"""Text folding for search: case- and accent-insensitive matching in every database.

Both SQLite and PostgreSQL compare the folded form that is stored beside a record's name
(``search_key``) with the folded query, so "jose" finds "José" and "muller" finds "Müller" without
collations or extensions that differ between the two engines. A search key also holds a word's
German spelling without umlauts (:func:`searchable`), so that "mueller" finds "Müller" as well.
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


def _east_asian(text: str) -> bool:
    return any(
        unicodedata.name(char, "").startswith(("CJK UNIFIED", "HANGUL", "HIRAGANA", "KATAKANA"))
        for char in text
    )


def full_name(given_name: str | None, family_name: str | None) -> str:
    """A person's name as it is written: "José García", but "王一帆" in Chinese script."""
    given, family = given_name or "", family_name or ""
    if _east_asian(given + family):
        return family + given
    return " ".join(part for part in (given, family) if part)


#: The umlauts as German writes them without the dots: Müller is also Mueller.
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def searchable(value: str) -> str:
    """``value`` folded, followed by the words that are spelt otherwise with the umlauts written
    out, so that both spellings find it.

    The other direction is left out on purpose: writing "ue" as "u" in every stored word would
    let the many Dutch "oe" words (Groen, Hoek) match what they are not (gron, hok).

    >>> searchable("Jürgen Müller-Schäfer")
    'jurgen muller-schafer juergen mueller-schaefer'
    >>> searchable("Jan de Vries")
    'jan de vries'
    """
    folded = fold(value)
    spelt = fold(unicodedata.normalize("NFC", value).translate(_UMLAUTS))
    if spelt == folded:
        return folded
    words = set(folded.split())
    return " ".join([folded, *(word for word in spelt.split() if word not in words)])


def expat_search_key(given_name: str, family_name: str, email: str | None, expat_ref: str) -> str:
    """What the expat search matches: names in both orders' words, e-mail and ref, folded."""
    return searchable(
        " ".join(part for part in (given_name, family_name, email, expat_ref) if part)
    )


def employer_search_key(name: str, kvk_number: str | None, employer_ref: str) -> str:
    """What the employer search matches: the name, KvK number and ref, folded."""
    return searchable(" ".join(part for part in (name, kvk_number, employer_ref) if part))


def case_search_key(case_ref: str, subject: str, *client_names: str | None) -> str:
    """What the cases search matches: the ref, the subject and the client's name(s), folded."""
    return searchable(" ".join(part for part in (case_ref, subject, *client_names) if part))


#: How much of a BSN is ever shown: the last four digits.
BSN_VISIBLE_DIGITS = 4


def mask_bsn(bsn: str | None) -> str | None:
    """A BSN with all but its last four digits hidden: ``*****6789``."""
    if not bsn:
        return None
    hidden = max(len(bsn) - BSN_VISIBLE_DIGITS, 0)
    return "*" * hidden + bsn[hidden:]


# --- characters a name may not hold -----------------------------------------------------------

#: Scripts that need the zero-width joiner or non-joiner inside words (Persian "می‌خواهم",
#: Devanagari conjuncts): the first word of the Unicode names of their letters and marks.
_JOINING_SCRIPTS = frozenset(
    {
        "ARABIC",
        "SYRIAC",
        "NKO",
        "MONGOLIAN",
        "DEVANAGARI",
        "BENGALI",
        "GURMUKHI",
        "GUJARATI",
        "ORIYA",
        "TAMIL",
        "TELUGU",
        "KANNADA",
        "MALAYALAM",
        "SINHALA",
        "MYANMAR",
        "KHMER",
    }
)
_JOINERS = frozenset({"\u200c", "\u200d"})


def _in_joining_script(character: str) -> bool:
    if unicodedata.category(character)[0] not in "LM":
        return False
    return unicodedata.name(character, "").split(" ", 1)[0] in _JOINING_SCRIPTS


def hidden_character(value: str) -> tuple[int, str] | None:
    """The first character of ``value`` that a name may not hold, as ``(position, "U+202E")``
    (positions count from 1), or ``None``.

    Refused: control characters (NUL, BEL, …), invisible format characters (right-to-left and
    other direction overrides and isolates, zero-width spaces, soft hyphens, byte order marks),
    private-use, unassigned and surrogate code points. The zero-width joiner and non-joiner are
    allowed between two letters of a script that needs them (Arabic, Persian, the Indic scripts).
    """
    for index, character in enumerate(value):
        category = unicodedata.category(character)
        if category not in ("Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"):
            continue
        if (
            character in _JOINERS
            and 0 < index < len(value) - 1
            and _in_joining_script(value[index - 1])
            and _in_joining_script(value[index + 1])
        ):
            continue
        return index + 1, f"U+{ord(character):04X}"
    return None


# --- letters that look alike ------------------------------------------------------------------

#: Cyrillic and Greek letters (folded: lower case, no accents) that look like a Latin letter.
_CONFUSABLE = str.maketrans(
    {
        # Cyrillic
        "а": "a",
        "в": "b",
        "е": "e",
        "ё": "e",
        "һ": "h",
        "н": "h",
        "і": "i",
        "ї": "i",
        "ј": "j",
        "к": "k",
        "ӏ": "l",
        "м": "m",
        "о": "o",
        "р": "p",
        "ԛ": "q",
        "ѕ": "s",
        "с": "c",
        "т": "t",
        "у": "y",
        "ԝ": "w",
        "х": "x",
        "ԁ": "d",
        # Greek
        "α": "a",
        "β": "b",
        "ε": "e",
        "η": "n",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
    }
)


def skeleton(value: str) -> str:
    """``value`` folded (:func:`fold`) with letters that look alike made one: a Cyrillic "е"
    or a Greek "ο" in a Latin name compares equal to the Latin letter.

    >>> skeleton("Jаnssеn") == skeleton("Janssen")  # Cyrillic а and е
    True
    """
    return fold(value).translate(_CONFUSABLE)
