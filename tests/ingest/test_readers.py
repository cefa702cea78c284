"""Reading inputs: media types, and an actionable InputError for every input that cannot be read."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest

from claimgraph.errors import ConfigError, InputError
from claimgraph.ingest import DEFAULT_MAX_BYTES, RawInput, detect_media_type, read_input

TWENTY_MB = 20 * 1024 * 1024


def assert_one_line_error(error: InputError, name: str, *fragments: str) -> None:
    message = str(error)
    assert "\n" not in message
    assert message.startswith(f"{name}: ")
    assert message == f"{name}: {error.reason}"
    for fragment in fragments:
        assert fragment in error.reason


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("story.txt", b"<html><body>quoted markup in a text file</body></html>", "text"),
        ("story.text", b"Plain.", "text"),
        ("notes.md", b"# Title\n", "text"),
        ("STORY.TXT", b"<!DOCTYPE html>", "text"),
        ("page.html", b"Just words, no markup.", "html"),
        ("page.htm", b"words", "html"),
        ("page.xhtml", b"words", "html"),
        ("Page.HTML", b"words", "html"),
        ("saved", b"<!DOCTYPE html>\n<html><body>x</body></html>", "html"),
        ("saved.dat", b"  \n<!doctype HTML><html></html>", "html"),
        ("saved", b"\xef\xbb\xbf<html lang='en'><body>x</body></html>", "html"),
        ("saved", b"<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'></html>", "html"),
        ("saved", b"<!-- saved from url -->\n<html><body></body></html>", "html"),
        ("saved", b"<head><title>t</title></head>", "html"),
        ("saved", b"<body><p>x</p></body>", "html"),
        ("article", b"The <html> tag opens a page, the tutorial said.", "text"),
        ("article", b"<?xml version='1.0'?><rss></rss>", "text"),
        ("-", b"<!DOCTYPE html><html></html>", "html"),
        ("-", b"Plain words from a pipe.", "text"),
    ],
)
def test_detect_media_type(name: str, data: bytes, expected: str) -> None:
    assert detect_media_type(name, data) == expected


def test_read_text_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    data = "Kremlin denies “all untrue” report.\r\n".encode()
    path.write_bytes(data)
    raw = read_input(str(path))
    assert raw == RawInput(str(path), data, "text", None, {"path": str(path.resolve()), "size": len(data)})


def test_read_html_file_by_sniffing(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_bytes(b"<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert read_input(str(path)).media_type == "html"


def test_read_stdin() -> None:
    raw = read_input("-", stdin=io.BytesIO(b"From a pipe."))
    assert (raw.name, raw.data, raw.media_type, raw.url) == ("-", b"From a pipe.", "text", None)


def test_limit_is_inclusive(tmp_path: Path) -> None:
    path = tmp_path / "exact.txt"
    path.write_bytes(b"x" * 100)
    assert len(read_input(str(path), max_bytes=100).data) == 100
    with pytest.raises(InputError) as caught:
        read_input(str(path), max_bytes=99)
    assert_one_line_error(caught.value, str(path), "100 bytes", "99 bytes", "--max-bytes")


class CountingStream(io.BytesIO):
    """A stream that remembers how much was asked of it, and refuses to be read whole."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.requested: list[int | None] = []

    def read(self, size: int | None = -1, /) -> bytes:
        self.requested.append(size)
        assert size is not None and size >= 0, "the reader must bound its read"
        return super().read(size)


def test_stdin_too_large_reads_one_byte_past_the_limit() -> None:
    stream = CountingStream(b"y" * 5000)
    with pytest.raises(InputError) as caught:
        read_input("-", stdin=stream, max_bytes=1000)
    assert stream.requested == [1001]
    assert_one_line_error(caught.value, "-", "input too large", "1,000 bytes", "--max-bytes")


def test_stdin_empty() -> None:
    with pytest.raises(InputError) as caught:
        read_input("-", stdin=io.BytesIO(b""))
    assert_one_line_error(caught.value, "-", "empty input")


def test_huge_file_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    line = b"The ministry said the talks would resume on Monday.\n"
    with path.open("wb") as handle:
        for _ in range(TWENTY_MB // len(line) + 1):
            handle.write(line)
    size = path.stat().st_size
    assert size > TWENTY_MB > DEFAULT_MAX_BYTES

    def refuse_open(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the file was opened although its size is over the limit")

    monkeypatch.setattr(Path, "open", refuse_open)
    with pytest.raises(InputError) as caught:
        read_input(str(path))
    assert_one_line_error(
        caught.value,
        str(path),
        "file too large",
        f"{size:,} bytes",
        f"{DEFAULT_MAX_BYTES:,} bytes",
        "--max-bytes",
    )


@pytest.mark.parametrize(
    ("make_input", "reason"),
    [
        (lambda tmp: tmp / "missing.txt", "no such file"),
        (lambda tmp: tmp, "is a directory"),
        (lambda tmp: _write(tmp / "empty.txt", b""), "empty file"),
        (lambda tmp: _write(tmp / "empty.html", b""), "empty file"),
        (lambda tmp: _write(tmp / "big.txt", b"z" * 2049), "file too large"),
    ],
    ids=["missing", "directory", "empty-text", "empty-html", "too-large"],
)
def test_unreadable_inputs(tmp_path: Path, make_input: Any, reason: str) -> None:
    name = str(make_input(tmp_path))
    with pytest.raises(InputError) as caught:
        read_input(name, max_bytes=2048)
    assert_one_line_error(caught.value, name, reason)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path / "secret.txt", b"classified")

    def deny(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)
    with pytest.raises(InputError) as caught:
        read_input(str(path))
    assert_one_line_error(caught.value, str(path), "permission denied")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    path = _write(tmp_path / "secret.txt", b"classified")
    path.chmod(0)
    with pytest.raises(InputError) as caught:
        read_input(str(path))
    assert_one_line_error(caught.value, str(path), "permission denied")


@pytest.mark.parametrize("max_bytes", [0, -1])
def test_max_bytes_must_be_positive(max_bytes: int) -> None:
    with pytest.raises(ConfigError, match="--max-bytes"):
        read_input("-", stdin=io.BytesIO(b"x"), max_bytes=max_bytes)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
