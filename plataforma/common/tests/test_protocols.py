"""Protocol numbers (Lei 14.129 art. 27): format, check digit, parsing and gap-free issuing."""

import itertools
import threading
from datetime import datetime

import pytest
from django.db import connection, connections, transaction
from django.db.transaction import TransactionManagementError

from plataforma.common import protocols
from plataforma.common.models import ProtocolSequence
from plataforma.common.protocols import (
    CUIABA,
    damm_check_digit,
    protocol_check_digit,
    protocol_format,
    protocol_is_valid,
    protocol_issue,
    protocol_normalise,
    protocol_parse,
    protocol_prefix_for,
)

# --- Format and prefix ------------------------------------------------------------------------


def test_a_protocol_reads_year_prefix_sequence_and_check_digit():
    assert protocol_format(year=2026, prefix="SEFAZ", number=123) == "2026.SEFAZ.000123-1"
    assert protocol_parse("2026.SEFAZ.000123-1") == (2026, "SEFAZ", 123)


def test_the_sequence_grows_past_six_digits_without_losing_the_check_digit():
    text = protocol_format(year=2026, prefix="SES", number=12_345_678)
    assert text.startswith("2026.SES.12345678-")
    assert protocol_parse(text) == (2026, "SES", 12_345_678)


@pytest.mark.parametrize(
    ("acronym", "prefix"),
    [
        ("DETRAN-MT", "DETRANMT"),
        ("Seduc", "SEDUC"),
        ("SEFAZ", "SEFAZ"),
        ("Polícia Civil", "POLICIACIVIL"),
        ("Secretaria de Estado de Saúde", "SECRETARIADE"),
        ("São José nº 2", "SAOJOSENO2"),
        ("  ses/mt ", "SESMT"),
    ],
)
def test_an_agency_acronym_folds_into_a_prefix(acronym, prefix):
    assert protocol_prefix_for(acronym) == prefix


@pytest.mark.parametrize("acronym", ["", "---", "   ", "—"])
def test_an_acronym_without_letters_or_digits_is_refused(acronym):
    with pytest.raises(ValueError):
        protocol_prefix_for(acronym)


@pytest.mark.parametrize(
    ("year", "prefix", "number"),
    [
        (1999, "SES", 1),
        (2026, "ses", 1),
        (2026, "", 1),
        (2026, "A" * 13, 1),
        (2026, "SE-S", 1),
        (2026, "SES", 0),
    ],
)
def test_format_refuses_parts_a_protocol_cannot_have(year, prefix, number):
    with pytest.raises(ValueError):
        protocol_format(year=year, prefix=prefix, number=number)


# --- Check digit ------------------------------------------------------------------------------


def test_damm_known_answer():
    # The worked example of Damm's algorithm: 572 → check digit 4.
    assert damm_check_digit("572") == 4
    assert damm_check_digit("5724") == 0


SAMPLES = [
    protocol_format(year=2026, prefix="SEFAZ", number=123),
    protocol_format(year=2025, prefix="DETRANMT", number=987_654),
    protocol_format(year=2031, prefix="X9", number=1_000_007),
]


def _digit_positions(text: str) -> list[int]:
    prefix_end = text.index(".", 5)
    return [i for i, c in enumerate(text) if c.isdigit() and not (5 <= i < prefix_end)]


@pytest.mark.parametrize("text", SAMPLES)
def test_every_single_digit_error_is_detected(text):
    assert protocol_is_valid(text)
    for position in _digit_positions(text):
        for digit in "0123456789":
            if digit == text[position]:
                continue
            wrong = text[:position] + digit + text[position + 1 :]
            assert not protocol_is_valid(wrong), wrong


@pytest.mark.parametrize("text", SAMPLES)
def test_every_adjacent_transposition_of_digits_is_detected(text):
    positions = _digit_positions(text)
    # Neighbouring digits as written, including the last sequence digit and the check digit
    # (separated only by the hyphen).
    pairs = [(a, b) for a, b in itertools.pairwise(positions) if b - a in (1, 2)]
    assert pairs
    for a, b in pairs:
        if text[a] == text[b]:
            continue
        chars = list(text)
        chars[a], chars[b] = chars[b], chars[a]
        assert not protocol_is_valid("".join(chars)), "".join(chars)


def test_a_wrong_prefix_character_is_detected_as_often_as_one_decimal_digit_allows():
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    detected = total = 0
    for number in (1, 123, 987_654):
        right = protocol_check_digit(year=2026, prefix="SEFAZ", number=number)
        for position in range(5):
            for char in alphabet:
                if char == "SEFAZ"[position]:
                    continue
                prefix = "SEFAZ"[:position] + char + "SEFAZ"[position + 1 :]
                total += 1
                detected += protocol_check_digit(year=2026, prefix=prefix, number=number) != right
    assert detected / total > 0.9
    # A change of one of the two digits a character maps to is always caught: Z (35) → Y (34).
    assert not protocol_is_valid(SAMPLES[0].replace("SEFAZ", "SEFAY"))


# --- Parsing and normalising ------------------------------------------------------------------


def test_normalise_trims_and_upper_cases():
    assert protocol_normalise("  2026.sefaz.000123-1 \n") == "2026.SEFAZ.000123-1"


@pytest.mark.parametrize(
    "text",
    [
        "2026SEFAZ000123-1",  # dots missing
        "2026.SEFAZ.0001231",  # hyphen missing
        "2026.SEFAZ.00123-4",  # fewer than six digits
        "2026.SEFAZ.0000123-1",  # extra zero padding: not the canonical number
        "2026.SEFAZ.000000-0",  # sequence zero
        "2026.SE FAZ.000123-1",
        "2026.SEFAZ-MT.000123-1",
        "2026.ABCDEFGHIJKLM.000001-0",
        "1999.SEFAZ.000123-1",
        "26.SEFAZ.000123-1",
        "",
        "2026.SEFAZ.000123-" + "1" * 60,
    ],
)
def test_text_that_is_not_a_protocol_is_refused(text):
    assert protocol_parse(text) is None
    assert protocol_normalise(text) is None
    assert not protocol_is_valid(text)


def test_non_text_is_refused():
    assert protocol_parse(None) is None  # type: ignore[arg-type]
    assert protocol_parse(2026) is None  # type: ignore[arg-type]


# --- Issuing ----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_issuing_outside_a_transaction_is_refused():
    with pytest.raises(TransactionManagementError):
        protocol_issue(prefix="SEFAZ", year=2026)
    assert not ProtocolSequence.objects.exists()


@pytest.mark.django_db
def test_numbers_follow_each_other_per_prefix_and_per_year():
    with transaction.atomic():
        issued = [protocol_issue(prefix="SEFAZ", year=2026) for _ in range(3)]
        other_prefix = protocol_issue(prefix="DETRANMT", year=2026)
        other_year = protocol_issue(prefix="SEFAZ", year=2027)
    assert [protocol_parse(p) for p in issued] == [(2026, "SEFAZ", 1), (2026, "SEFAZ", 2), (2026, "SEFAZ", 3)]
    assert protocol_parse(other_prefix) == (2026, "DETRANMT", 1)
    assert protocol_parse(other_year) == (2027, "SEFAZ", 1)
    assert all(protocol_is_valid(p) for p in [*issued, other_prefix, other_year])
    assert ProtocolSequence.objects.get(prefix="SEFAZ", year=2026).last_number == 3


@pytest.mark.django_db
def test_a_rolled_back_request_gives_its_number_back():
    with transaction.atomic():
        assert protocol_parse(protocol_issue(prefix="SES", year=2026))[2] == 1

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        assert protocol_parse(protocol_issue(prefix="SES", year=2026))[2] == 2
        raise Abort
    with transaction.atomic():
        assert protocol_parse(protocol_issue(prefix="SES", year=2026))[2] == 2


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "year"), [("sefaz", 2026), ("", 2026), ("A" * 13, 2026), ("SES", 1999)])
def test_issuing_with_a_bad_prefix_or_year_is_refused(prefix, year):
    with pytest.raises(ValueError), transaction.atomic():
        protocol_issue(prefix=prefix, year=year)
    assert not ProtocolSequence.objects.exists()


@pytest.mark.django_db
def test_the_default_year_is_the_current_year_in_cuiaba(monkeypatch):
    class NewYearsEve(datetime):
        @classmethod
        def now(cls, tz=None):
            # 23:30 on 31 December in Cuiabá is already 1 January in UTC.
            return datetime(2026, 12, 31, 23, 30, tzinfo=CUIABA).astimezone(tz)

    monkeypatch.setattr(protocols, "datetime", NewYearsEve)
    with transaction.atomic():
        assert protocol_issue(prefix="SEFAZ").startswith("2026.SEFAZ.")


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuers_get_unique_contiguous_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks between real connections")
    threads_count, per_thread = 16, 25
    barrier = threading.Barrier(threads_count)
    results: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker():
        try:
            barrier.wait(timeout=30)
            for _ in range(per_thread):
                with transaction.atomic():
                    protocol = protocol_issue(prefix="CONCORR", year=2026)
                with lock:
                    results.append(protocol)
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    numbers = sorted(protocol_parse(p)[2] for p in results)
    assert numbers == list(range(1, threads_count * per_thread + 1))
    assert ProtocolSequence.objects.get(prefix="CONCORR", year=2026).last_number == threads_count * per_thread
