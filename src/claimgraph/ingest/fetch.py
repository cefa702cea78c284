"""Fetching articles and feeds over HTTP(S): polite, bounded and guarded.

Every request goes through :class:`Fetcher`, which

- refuses addresses a public crawler has no business reaching (the SSRF guard, :func:`check_host`): the
  host is resolved and every address it has must be public; loopback (127.0.0.0/8, ::1), private (10/8,
  172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 — cloud metadata services — fe80::/10),
  multicast, reserved and unspecified addresses are refused unless ``allow_private`` is set. The request
  is then sent to the address that was checked (the Host header and TLS server name keep the host name),
  so a DNS answer that changes between the check and the connection cannot slip past it; redirects are
  followed by hand and each new location is checked the same way;
- respects robots.txt (``urllib.robotparser``, fetched once per scheme, host and port; a robots.txt that
  is missing (4xx) allows everything, one that cannot be fetched (5xx, network) allows nothing, as RFC 9309
  says);
- retries timeouts, connection errors, 429 and 5xx answers with exponential backoff (honouring a short
  Retry-After);
- reads at most ``max_bytes`` (refused from Content-Length when it is given, else after one chunk past);
- accepts only HTML, plain text and feeds (RSS, Atom, XML) by Content-Type.

Failures are :class:`~claimgraph.errors.InputError` naming the URL, so the batch records them per document.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.parse
import urllib.robotparser
from dataclasses import dataclass
from typing import Literal

import httpx

from claimgraph import __version__
from claimgraph.errors import InputError
from claimgraph.ingest.readers import DEFAULT_MAX_BYTES

FetchedType = Literal["html", "text", "feed"]

USER_AGENT = f"claimgraph/{__version__} (+https://github.com/claimgraph/claimgraph)"

#: Content types accepted, by what they are read as.
_CONTENT_TYPES: dict[str, FetchedType] = {
    "text/html": "html", "application/xhtml+xml": "html", "text/plain": "text",
    "application/rss+xml": "feed", "application/atom+xml": "feed", "application/rdf+xml": "feed",
    "application/xml": "feed", "text/xml": "feed", "application/feed+json": "feed",
}
_REDIRECTS = (301, 302, 303, 307, 308)
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_MAX_REDIRECTS = 5
_MAX_RETRY_AFTER = 10.0
_ROBOTS_MAX_BYTES = 512 * 1024


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How URLs are fetched (one object, built from the CLI options; picklable for worker processes)."""

    timeout: float = 10.0              # seconds, for connecting and for each read
    retries: int = 2                   # further attempts after a failed one
    backoff: float = 0.5               # seconds before the first retry, doubled each time
    max_bytes: int = DEFAULT_MAX_BYTES
    allow_private: bool = False        # let loopback/private/link-local addresses through (tests, intranets)
    respect_robots: bool = True
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class FetchedPage:
    url: str                 # after redirects
    data: bytes
    kind: FetchedType
    content_type: str


def is_public_address(address: str) -> bool:
    """Whether an IP address is one the public internet routes (not loopback, private, link-local, ...)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    # is_global is False for loopback, private, link-local, shared (100.64/10), reserved and unspecified
    # addresses; multicast is checked on its own (some multicast ranges count as global).
    return ip.is_global and not ip.is_multicast


def check_host(url: str, host: str, port: int, *, allow_private: bool = False) -> str:
    """The address to connect to for ``host``, after checking every address it resolves to.

    Raises:
        InputError: the host does not resolve, or (without ``allow_private``) one of its addresses is not
            public.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise InputError(url, f"cannot resolve host {host!r}: {err}") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise InputError(url, f"cannot resolve host {host!r}")
    if not allow_private:
        refused = [a for a in addresses if not is_public_address(a)]
        if refused:
            raise InputError(url, f"refused: {host} resolves to a non-public address ({refused[0]}); "
                                  "use --allow-private to fetch from loopback, private or link-local hosts")
    return addresses[0]


def _content_kind(content_type: str) -> FetchedType | None:
    mime = content_type.split(";", 1)[0].strip().lower()
    return _CONTENT_TYPES.get(mime)


class Fetcher:
    """Fetches URLs with one HTTP client; keeps a robots.txt cache per host. Not thread-safe."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self._client: httpx.Client | None = None
        self._robots: dict[str, urllib.robotparser.RobotFileParser | bool] = {}

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(timeout=self.options.timeout, follow_redirects=False,
                                        headers={"User-Agent": self.options.user_agent})
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def fetch(self, url: str, *, name: str | None = None) -> FetchedPage:
        """The page at ``url`` (an article or a feed).

        Raises:
            InputError: named ``name`` (the URL by default): a bad URL, a refused address, robots.txt
                disallows it, an HTTP error, a timeout, too large, or an unsupported content type.
        """
        name = name or url
        if self.options.respect_robots and not self._robots_allow(url, name):
            raise InputError(name, "robots.txt disallows fetching this URL")
        page = self._get(url, name, self.options.max_bytes)
        if page.kind not in ("html", "text", "feed"):  # pragma: no cover - _get only returns known kinds
            raise InputError(name, f"unsupported content type {page.content_type!r}")
        return page

    # -- one GET, with the guard, redirects, retries and the size cap ------------------------------
    def _get(self, url: str, name: str, max_bytes: int, *, check_type: bool = True) -> FetchedPage:
        current = url
        for _ in range(_MAX_REDIRECTS + 1):
            response_url, status, headers, data = self._get_once(current, name, max_bytes)
            if status in _REDIRECTS and "location" in headers:
                current = urllib.parse.urljoin(current, headers["location"])
                continue
            if status >= 400:
                raise InputError(name, f"HTTP {status} from {response_url}")
            content_type = headers.get("content-type", "")
            kind = _content_kind(content_type)
            if check_type and kind is None:
                raise InputError(name, f"unsupported content type {content_type or '(none)'!r} "
                                       "(expected HTML, plain text or a feed)")
            return FetchedPage(response_url, data, kind or "text", content_type)
        raise InputError(name, f"more than {_MAX_REDIRECTS} redirects")

    def _get_once(self, url: str, name: str, max_bytes: int) -> tuple[str, int, dict[str, str], bytes]:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(name, f"not an http(s) URL: {url}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = check_host(name, parts.hostname, port, allow_private=self.options.allow_private)
        # Connect to the checked address; the Host header and the TLS server name keep the host name.
        ip_host = f"[{address}]" if ":" in address else address
        pinned = parts._replace(netloc=f"{ip_host}:{port}").geturl()
        host_header = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
        attempt = 0
        while True:
            try:
                return self._stream(url, pinned, host_header, parts.hostname, name, max_bytes)
            except _Retry as retry:
                if attempt >= self.options.retries:
                    raise InputError(name, retry.reason) from None
                time.sleep(retry.after if retry.after is not None else self.options.backoff * 2 ** attempt)
                attempt += 1

    def _stream(self, url: str, pinned: str, host_header: str, server_name: str, name: str,
                max_bytes: int) -> tuple[str, int, dict[str, str], bytes]:
        request = self.client.build_request("GET", pinned, headers={"Host": host_header},
                                            extensions={"sni_hostname": server_name})
        try:
            response = self.client.send(request, stream=True)
        except httpx.TimeoutException:
            raise _Retry(f"timed out after {self.options.timeout:g} s") from None
        except httpx.TransportError as err:
            raise _Retry(f"cannot connect: {err or type(err).__name__}") from None
        try:
            headers = {k.lower(): v for k, v in response.headers.items()}
            if response.status_code in _RETRY_STATUSES:
                raise _Retry(f"HTTP {response.status_code} from {url}", _retry_after(headers))
            if response.status_code in _REDIRECTS or response.status_code >= 400:
                return url, response.status_code, headers, b""
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise InputError(name, f"response too large: {int(declared):,} bytes, the limit is "
                                       f"{max_bytes:,} bytes (raise it with --max-bytes)")
            chunks, size = [], 0
            try:
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise InputError(name, f"response too large: more than {max_bytes:,} bytes, the "
                                               "limit (raise it with --max-bytes)")
                    chunks.append(chunk)
            except httpx.TimeoutException:
                raise _Retry(f"timed out reading after {self.options.timeout:g} s") from None
            except httpx.TransportError as err:
                raise _Retry(f"connection lost: {err or type(err).__name__}") from None
            return url, response.status_code, headers, b"".join(chunks)
        finally:
            response.close()

    # -- robots.txt ---------------------------------------------------------------------------------
    def _robots_allow(self, url: str, name: str) -> bool:
        parts = urllib.parse.urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        rules = self._robots.get(origin)
        if rules is None:
            rules = self._load_robots(origin, name)
            self._robots[origin] = rules
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch(self.options.user_agent, url)

    def _load_robots(self, origin: str, name: str) -> urllib.robotparser.RobotFileParser | bool:
        try:
            page = self._get(f"{origin}/robots.txt", name, _ROBOTS_MAX_BYTES, check_type=False)
        except InputError as err:
            if err.reason.startswith("refused") or err.reason.startswith("cannot resolve"):
                raise
            # RFC 9309: a robots.txt that is missing (4xx) allows all; one that is unreachable allows none.
            return err.reason.startswith("HTTP 4")
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(page.data.decode("utf-8", errors="replace").splitlines())
        return parser


class _Retry(Exception):
    def __init__(self, reason: str, after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.after = after


def _retry_after(headers: dict[str, str]) -> float | None:
    value = headers.get("retry-after", "")
    try:
        return min(float(value), _MAX_RETRY_AFTER)
    except ValueError:
        return None


def is_url(value: str) -> bool:
    """Whether an argument is an http(s) URL rather than a path."""
    return value.startswith(("http://", "https://"))
