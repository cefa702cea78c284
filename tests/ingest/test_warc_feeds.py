"""WARC files, feeds and URL lists as corpus inputs (read_corpus), and the broken files each must survive."""

from __future__ import annotations

import gzip
from pathlib import Path

from claimgraph.errors import InputError
from claimgraph.ingest.corpus import is_url_list, read_corpus
from claimgraph.ingest.feeds import RemoteInput
from claimgraph.ingest.readers import RawInput

PAGE = (
    b"<html><head><title>Port</title></head><body><article><p>The mayor said on Thursday that the port "
    b"would be sold, officials reported.</p></article></body></html>"
)


def warc_record(
    url: str,
    payload: bytes,
    *,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    record_type: str = "response",
) -> bytes:
    """One WARC/1.0 record holding an HTTP response, as CC-NEWS writes them."""
    http = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n".encode()
        + payload
    )
    head = (
        f"WARC/1.0\r\nWARC-Type: {record_type}\r\nWARC-Target-URI: {url}\r\n"
        f"WARC-Date: 2024-10-25T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:{abs(hash(url)):032x}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    )
    return head.encode() + http + b"\r\n\r\n"


def write_warc(path: Path, records: list[bytes], *, compress: bool) -> str:
    # a .warc.gz is one gzip member per record, as Common Crawl writes them
    path.write_bytes(b"".join(gzip.compress(r) for r in records) if compress else b"".join(records))
    return str(path)


def sample_records() -> list[bytes]:
    return [
        warc_record("https://news.example/a", PAGE),
        warc_record("https://news.example/logo.png", b"\x89PNG", content_type="image/png"),
        warc_record("https://news.example/gone", b"", status="301 Moved Permanently"),
        warc_record("https://news.example/b", PAGE.replace(b"the port", b"the dam")),
    ]


def test_warc_and_warc_gz_give_the_html_responses_with_their_urls(tmp_path: Path) -> None:
    for compress, name in ((False, "cc.warc"), (True, "cc.warc.gz")):
        items = list(read_corpus([write_warc(tmp_path / name, sample_records(), compress=compress)]))
        assert all(isinstance(i, RawInput) for i in items)
        assert [(i.url, i.media_type) for i in items] == [
            ("https://news.example/a", "html"),
            ("https://news.example/b", "html"),
        ]
        assert items[0].name == f"{tmp_path / name}#0" and items[1].data.count(b"dam") == 1


def test_a_truncated_record_is_an_error_for_that_record(tmp_path: Path) -> None:
    records = sample_records()
    data = b"".join(records)
    cut = data[: len(data) - 60]  # the last record loses its end
    path = tmp_path / "cut.warc"
    path.write_bytes(cut)
    items = list(read_corpus([str(path)]))
    assert isinstance(items[0], RawInput)
    assert isinstance(items[-1], InputError) and "truncated record" in items[-1].reason
    gz = tmp_path / "cut.warc.gz"
    gz.write_bytes(b"".join(gzip.compress(r) for r in records)[:-40])
    items = list(read_corpus([str(gz)]))
    assert isinstance(items[0], RawInput) and isinstance(items[-1], InputError)


def test_corrupt_gzip_zero_bytes_and_binary_are_errors_not_crashes(tmp_path: Path) -> None:
    members = [gzip.compress(r) for r in sample_records()]
    broken = bytearray(members[1])
    broken[20:40] = b"\x00" * 20
    corrupt = tmp_path / "corrupt.warc.gz"
    corrupt.write_bytes(members[0] + bytes(broken) + members[2] + members[3])
    (tmp_path / "empty.warc.gz").write_bytes(b"")
    (tmp_path / "noise.warc").write_bytes(bytes(range(256)) * 40)
    items = list(read_corpus([str(corrupt), str(tmp_path / "empty.warc.gz"), str(tmp_path / "noise.warc")]))
    assert isinstance(items[0], RawInput)
    errors = [i for i in items if isinstance(i, InputError)]
    reasons = [e.reason for e in errors]
    assert any("corrupt" in r for r in reasons)
    assert "empty file" in reasons
    assert any(e.name.endswith("noise.warc#10240") and "Invalid WARC header" in e.reason for e in errors)


def test_a_record_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = write_warc(
        tmp_path / "big.warc", [warc_record("https://x.example/big", PAGE * 100)], compress=False
    )
    [item] = read_corpus([path], max_bytes=1000)
    assert isinstance(item, InputError) and "too large" in item.reason


FEED = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Harbor Ledger</title>
<item><title>Port sale</title><link>https://news.example/port</link>
<pubDate>Fri, 25 Oct 2024 09:00:00 GMT</pubDate><description>Short summary.</description></item>
<item><title>Dam leaks</title><link>https://news.example/dam</link>
<pubDate>Thu, 24 Oct 2024 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>{full}</p>]]></content:encoded></item>
</channel></rss>""".format(full="Ann Lee said the dam leaks, engineers reported on Thursday. " * 12)


def test_feed_entries_with_full_text_are_read_and_others_fetched(tmp_path: Path) -> None:
    path = tmp_path / "ledger.rss"
    path.write_text(FEED, encoding="utf-8")
    summary, full = read_corpus([str(path)])
    assert isinstance(summary, RemoteInput) and summary.url == "https://news.example/port"
    assert summary.metadata["title"] == "Port sale" and summary.metadata["outlet"] == "Harbor Ledger"
    assert isinstance(full, RawInput) and full.url == "https://news.example/dam"
    assert full.metadata["published"].isoformat() == "2024-10-24" and b"engineers reported" in full.data
    bad = tmp_path / "bad.rss"
    bad.write_text("<html>not a feed</html>", encoding="utf-8")
    [error] = read_corpus([str(bad)])
    assert isinstance(error, InputError)


def test_url_lists_urls_and_directories(tmp_path: Path) -> None:
    listed = tmp_path / "list.txt"
    listed.write_text("# today\nhttps://news.example/a\n\nhttp://news.example/b\n", encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text("https://news.example/a is where the mayor said the port is sold.\n", encoding="utf-8")
    assert is_url_list(str(listed)) and not is_url_list(str(article))
    urls = tmp_path / "more.urls"
    urls.write_text("https://news.example/c\nnot a url\n", encoding="utf-8")
    items = list(read_corpus([str(listed), "https://news.example/d"], url_lists=[str(urls)]))
    assert [getattr(i, "url", None) for i in items] == [
        "https://news.example/a",
        "http://news.example/b",
        "https://news.example/d",
        "https://news.example/c",
        None,
    ]
    assert isinstance(items[-1], InputError) and items[-1].name == f"{urls}:2"
    corpus = tmp_path / "corpus"
    (corpus / "2024" / ".hidden").mkdir(parents=True)
    write_warc(corpus / "2024" / "cc.warc.gz", sample_records(), compress=True)
    (corpus / "2024" / ".hidden" / "x.txt").write_text("Ann Lee said so.", encoding="utf-8")
    (corpus / "a.txt").write_text("Ann Lee said the dam leaks.", encoding="utf-8")
    found = list(read_corpus([str(corpus)]))
    assert [type(i).__name__ for i in found] == ["RawInput", "RawInput", "RawInput"]
