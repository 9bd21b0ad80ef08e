from datetime import date

import pytest

from expatdesk.common import validation
from expatdesk.common.validation import Problems, ValidationError

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999999990"])
def test_bsns_that_pass_the_eleven_test(bsn: str) -> None:
    assert validation.bsn_problem(bsn) is None


@pytest.mark.parametrize(
    ("bsn", "message"),
    [
        ("123456789", "eleven-test"),
        ("111222334", "eleven-test"),
        ("000000000", "eleven-test"),
        ("12345678", "9 digits"),
        ("12345678a", "9 digits"),
    ],
)
def test_bsns_that_fail(bsn: str, message: str) -> None:
    problem = validation.bsn_problem(bsn)
    assert problem is not None
    assert message in problem


def test_kvk_numbers() -> None:
    assert validation.kvk_problem("12345678") is None
    assert validation.kvk_problem(None) is None
    for wrong in ("1234567", "123456789", "1234567a"):
        assert validation.kvk_problem(wrong) == "A KvK number has exactly 8 digits."


def test_email_addresses() -> None:
    assert validation.email_problem("ana.garcia@utwente.nl") is None
    for wrong in ("ana", "ana@", "ana@utwente", "a b@utwente.nl", "ana@@utwente.nl"):
        assert validation.email_problem(wrong) is not None, wrong


def test_dates() -> None:
    assert validation.date_problem(date(1985, 3, 1), TODAY) is None
    assert validation.date_problem(date(1899, 12, 31), TODAY) is not None
    assert validation.date_problem(date(2027, 1, 1), TODAY) == "This date lies in the future."
    assert validation.date_problem(date(2027, 1, 1), TODAY, future_allowed=True) is None


def test_problems_collect_one_message_per_field_and_raise_them_all() -> None:
    problems = Problems()
    problems.add("email", validation.email_problem("nope"))
    problems.add("email", "second message for the same field")
    problems.add("given_name", validation.required("  "))
    problems.add("kvk", None)
    with pytest.raises(ValidationError) as raised:
        problems.raise_if_any()
    assert [error.field for error in raised.value.errors] == ["email", "given_name"]
    assert raised.value.for_field("given_name") == "This field is required."
    assert raised.value.for_field("kvk") is None


def test_clean_and_digits() -> None:
    assert validation.clean("  Ana   María ") == "Ana María"
    assert validation.clean("   ") is None
    assert validation.digits_only("1234 56.78") == "12345678"
