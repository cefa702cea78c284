"""Plain-text inputs become documents with their exact text; files that are not UTF-8 text are refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from claimgraph.clean import clean_input, clean_text
from claimgraph.errors import InputError
from claimgraph.ingest import RawInput, read_input

ROOT = Path(__file__).parents[2]
SEED = ROOT / "examples" / "moscow-times-musk-putin.txt"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


def raw_text(data: bytes, name: str = "story.txt") -> RawInput:
    return RawInput(name, data, "text")


@pytest.mark.parametrize(
    "data",
    [
        "Peskov said: “It’s all untrue.”".encode(),
        b"Windows line ends.\r\nSecond line.\r\n",
        b"  Leading and trailing whitespace stay.  \n\n",
        "\ufeffA byte-order mark stays, as U+FEFF.".encode(),
        "Tabs\tand\u00a0no-break spaces, and a form feed\f.".encode(),
        "Combining e\u0301 is not normalized to é.".encode(),
    ],
)
def test_text_is_kept_exactly(data: bytes) -> None:
    document = clean_text(raw_text(data))
    assert document.text == data.decode("utf-8")
    assert document.extracted is False


def test_text_document_fields() -> None:
    published = dt.date(2024, 10, 25)
    raw = RawInput("story.txt", b"The Kremlin denied the report.", "text", url="https://example.org/a")
    document = clean_input(raw, published=published)
    assert (document.name, document.published, document.url, document.title, document.outlet) == (
        "story.txt",
        published,
        "https://example.org/a",
        None,
        None,
    )
    assert document.boilerplate == ()


def test_seed_article_end_to_end() -> None:
    raw = read_input(str(SEED))
    document = clean_input(raw, published=dt.date(2024, 10, 25))
    assert document.text == SEED.read_bytes().decode("utf-8")
    gold = json.loads((ROOT / "tests" / "data" / "seed-gold.json").read_text(encoding="utf-8"))
    assert [(b.start, b.end, b.kind) for b in document.boilerplate] == [
        (g["start"], g["end"], g["kind"]) for g in gold["boilerplate"]
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(PNG_HEADER, "binary file, not text", id="png"),
        pytest.param(b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff", "binary file, not text", id="gif"),
        pytest.param(b"A line of text\x00with a NUL byte.", "binary file, not text", id="nul"),
        pytest.param(bytes(range(1, 32)) * 4 + b"some words", "binary file, not text", id="control-chars"),
        pytest.param("UTF-16 text".encode("utf-16"), "UTF-16 encoded, not UTF-8", id="utf-16"),
        pytest.param(b"abc\xff def", "not valid UTF-8 at byte 3", id="invalid-byte"),
        pytest.param("Caf\u00e9 ".encode("latin-1") + b"au lait", "not valid UTF-8 at byte 3", id="latin-1"),
        pytest.param("Kremlin “denies”".encode() + b"\xe2\x80", "not valid UTF-8 at byte 20", id="truncated"),
        pytest.param(b" \n\t\r\n  ", "no text", id="whitespace-only"),
        pytest.param("\ufeff\n".encode(), "no text", id="bom-only"),
    ],
)
def test_bad_text_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        clean_text(raw_text(data, name="bad.txt"))
    assert reason in caught.value.reason
    assert str(caught.value) == f"bad.txt: {caught.value.reason}"
    assert "\n" not in str(caught.value)


def test_few_control_characters_are_still_text() -> None:
    data = b"A terminal capture \x1b[1mbold\x1b[0m and a bell\x07 in a long enough line of text, still text."
    assert clean_text(raw_text(data)).text == data.decode()


@pytest.mark.parametrize(
    ("file_name", "data", "reason"),
    [
        ("image.txt", PNG_HEADER, "binary file, not text"),
        ("image.png", PNG_HEADER, "binary file, not text"),
        ("latin.txt", b"na\xefve", "not valid UTF-8 at byte 2"),
        ("blank.txt", b"\n\n   \n", "no text"),
    ],
)
def test_bad_files_end_to_end(tmp_path: Path, file_name: str, data: bytes, reason: str) -> None:
    path = tmp_path / file_name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        clean_input(read_input(str(path)))
    assert str(caught.value) == f"{path}: {caught.value.reason}"
    assert reason in caught.value.reason


def test_unknown_media_type() -> None:
    raw = RawInput("feed.xml", b"<rss/>", "rss")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="unsupported media type"):
        clean_input(raw)
