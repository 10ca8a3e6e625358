"""Polite, bounded HTTP fetching on top of httpx.

httpx gives the transport, timeouts and streaming, but leaves the crawler's
rules to us: it cannot veto a redirect hop before following it (we must
refuse hosts outside a source's allow-list on every hop), it retries only
failed connects (not 5xx, not read timeouts), and it has no per-host pacing
or robots.txt. Those rules are written here, over `httpx.Client` with
`follow_redirects=False`; robots.txt is parsed by `urllib.robotparser`.

Every problem ends as a `FetchFailure` with a readable reason, never as an
exception (not even MemoryError), so one bad URL never stops the others.
Clock, sleep and wall time are injectable so pacing and backoff are
testable without waiting.

A response is bounded as a whole (pipeline.scrape.body): an overall
`deadline`, one content-encoding layer at most, decoded within `max_bytes`.
A 429 or 503 with Retry-After is retried after that long when it is at most
`max_retry_after` seconds; a longer wait ends the fetch at once as a
retryable failure that records the wait, and the host is not asked again by
this fetcher before the time it named.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from pipeline.scrape.body import BodyReader, BodyRefused, Deadline

USER_AGENT = "govfacts/0.1 (open-data pipeline of local-government figures; honours robots.txt)"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchPolicy:
    """Limits for one source; a source YAML may override any of them under `fetch:`."""

    timeout: float = 20.0
    max_retries: int = 3
    backoff: float = 1.0
    max_redirects: int = 5
    max_bytes: int = 20_000_000
    min_interval: float = 1.0
    deadline: float = 60.0
    max_retry_after: float = 60.0


@dataclass(frozen=True)
class Validators:
    """What a conditional request sends back: the ETag and Last-Modified of the last copy."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


@dataclass(frozen=True)
class Fetched:
    """A response worth keeping: 2xx with its body, or 304 (`content` is None)."""

    url: str
    final_url: str
    status: int
    fetched_at: str
    content: bytes | None
    content_type: str | None
    declared_encoding: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class FetchFailure:
    """Why a URL could not be fetched; `retryable` failures may succeed on a later run."""

    url: str
    reason: str
    fetched_at: str
    retryable: bool = False
    status: int | None = None
    retry_after: float | None = None


class _Refused(Exception):
    """Internal: unwinds a fetch to the single place that turns it into a FetchFailure."""

    def __init__(self, reason: str, retryable: bool = False, status: int | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True)
class _Response:
    status: int
    headers: httpx.Headers
    body: bytes | None
    charset: str | None


ACCEPT_ENCODING = "gzip, deflate"  # what pipeline.scrape.body decodes


def make_client(user_agent: str = USER_AGENT) -> httpx.Client:
    """An httpx client that never follows redirects on its own (each hop is checked here)."""
    return httpx.Client(headers={"User-Agent": user_agent, "Accept-Encoding": ACCEPT_ENCODING}, follow_redirects=False)


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Retry-After as seconds from `now`: delta-seconds or an HTTP-date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - now).total_seconds())


def utc_now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class Fetcher:
    """Fetches URLs for any number of sources, sharing per-host pacing and robots.txt."""

    def __init__(
        self,
        client: httpx.Client,
        user_agent: str = USER_AGENT,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], str] = utc_now_iso,
    ):
        self.client = client
        self.user_agent = user_agent
        self._clock = clock
        self._sleep = sleep
        self._now = now
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | str] = {}
        self._not_before: dict[str, float] = {}
        self._guard = threading.Lock()  # crawls fetch hosts from several threads

    def fetch(
        self,
        url: str,
        allowed_hosts: Iterable[str],
        policy: FetchPolicy = FetchPolicy(),
        validators: Validators | None = None,
    ) -> Fetched | FetchFailure:
        try:
            allowed = frozenset(h.lower() for h in allowed_hosts)
            return self._follow(url, allowed, policy, validators, check_robots=True)
        except _Refused as refused:
            return FetchFailure(url, refused.reason, self._now(), refused.retryable, refused.status, refused.retry_after)
        except Exception as exc:  # noqa: BLE001 - the contract: a URL's problem is a failure, never an exception
            return FetchFailure(url, f"fetch of {url} failed ({type(exc).__name__}: {exc})", self._now(), retryable=True)

    def _follow(
        self, url: str, allowed: frozenset[str], policy: FetchPolicy, validators: Validators | None, check_robots: bool
    ) -> Fetched:
        """Follow redirects one hop at a time, checking host, robots.txt and loops before each request."""
        seen: list[str] = []
        current = url
        headers = validators.headers() if validators else {}
        for _ in range(policy.max_redirects + 1):
            if current in seen:
                raise _Refused(f"redirect loop at {current}")
            seen.append(current)
            host = host_of(current)
            if urlsplit(current).scheme not in ("http", "https"):
                raise _Refused(f"unsupported URL scheme in {current}")
            if host not in allowed:
                if current == url:
                    raise _Refused(f"host {host} is not in the allowed hosts of the source")
                raise _Refused(f"redirect to foreign host {host}")
            if check_robots:
                self._check_robots(current, allowed, policy)
            response = self._get(current, headers, policy)
            if response.status in REDIRECT_STATUSES:
                location = response.headers.get("location")
                if not location:
                    raise _Refused(f"HTTP {response.status} without Location at {current}", status=response.status)
                current = urljoin(current, location)
                continue
            if response.status == 304 or 200 <= response.status < 300:
                return Fetched(
                    url=url,
                    final_url=current,
                    status=response.status,
                    fetched_at=self._now(),
                    content=response.body if response.status != 304 else None,
                    content_type=response.headers.get("content-type"),
                    declared_encoding=response.charset,
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                )
            raise _Refused(f"HTTP {response.status}", status=response.status)
        raise _Refused(f"more than {policy.max_redirects} redirects from {url}")

    def _get(self, url: str, headers: dict[str, str], policy: FetchPolicy) -> _Response:
        """One GET with retries: 5xx, 429, timeouts and network errors back off exponentially."""
        attempts = policy.max_retries + 1
        problem = ""
        status = None
        wait = 0.0
        for attempt in range(attempts):
            if attempt:
                self._sleep(max(wait, policy.backoff * 2 ** (attempt - 1)))
            self._pace(url, policy)
            try:
                response = self._get_once(url, headers, policy)
            except httpx.TimeoutException:
                problem, status, wait = f"timeout after {policy.timeout:g} s", None, 0.0
                continue
            except httpx.TransportError as exc:
                problem, status, wait = f"network error ({type(exc).__name__}: {exc})", None, 0.0
                continue
            except (httpx.HTTPError, httpx.InvalidURL) as exc:  # undecodable body, malformed URL: retrying won't help
                raise _Refused(f"bad response or URL ({type(exc).__name__}: {exc})") from exc
            if response.status in RETRY_STATUSES:
                problem, status = f"HTTP {response.status}", response.status
                wait = self._retry_after(url, response, policy)
                continue
            return response
        raise _Refused(f"{problem}, {attempts} attempt(s)", retryable=True, status=status)

    def _retry_after(self, url: str, response: _Response, policy: FetchPolicy) -> float:
        """The wait a Retry-After asks for; a wait longer than we give ends the fetch, recorded."""
        seconds = retry_after_seconds(response.headers.get("retry-after"), datetime.now(timezone.utc))
        if seconds is None:
            return 0.0
        if seconds > policy.max_retry_after:
            with self._guard:
                self._not_before[host_of(url)] = self._clock() + seconds
            raise _Refused(
                f"HTTP {response.status} with Retry-After {seconds:g} s, longer than the {policy.max_retry_after:g} s "
                f"a fetch waits; try again after that",
                retryable=True, status=response.status, retry_after=seconds,
            )
        return seconds

    def _get_once(self, url: str, headers: dict[str, str], policy: FetchPolicy) -> _Response:
        """One request, bounded as a whole by the deadline and the size limit (pipeline.scrape.body)."""
        status = None
        with Deadline(policy.deadline) as deadline:
            try:
                with self.client.stream(
                    "GET", url, headers={**headers, "Connection": "close"}, timeout=policy.timeout,
                    extensions={"trace": deadline.trace},
                ) as r:
                    status = r.status_code
                    if r.status_code >= 300:
                        return _Response(r.status_code, r.headers, None, r.charset_encoding)
                    declared = r.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > policy.max_bytes:
                        raise _Refused(f"too large: Content-Length {declared} > {policy.max_bytes} bytes", status=r.status_code)
                    body = BodyReader(r.headers.get("content-encoding"), policy.max_bytes).read(r.iter_raw(CHUNK), deadline)
                    return _Response(r.status_code, r.headers, body, r.charset_encoding)
            except BodyRefused as refused:
                raise _Refused(str(refused), retryable=deadline.passed(), status=status) from refused
            except httpx.TransportError as exc:
                if deadline.passed():
                    raise _Refused(f"no complete response within the {policy.deadline:g} s deadline", retryable=True) from exc
                raise

    def _pace(self, url: str, policy: FetchPolicy) -> None:
        """Keep at least min_interval (or the host's robots.txt Crawl-delay) between requests to a
        host, and make no request before a time the host named in a Retry-After."""
        host = host_of(url)
        with self._guard:
            not_before = self._not_before.get(host)
        if not_before is not None and self._clock() < not_before:
            raise _Refused(f"{host} asked for no requests for {not_before - self._clock():g} s more (Retry-After)", retryable=True)
        interval = max(policy.min_interval, self._crawl_delay(url))
        with self._guard:
            last = self._last_request.get(host)
        if last is not None:
            wait = interval - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)
        with self._guard:
            self._last_request[host] = self._clock()

    def _robots_key(self, url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc.lower()}"

    def _crawl_delay(self, url: str) -> float:
        with self._guard:
            robots = self._robots.get(self._robots_key(url))
        if isinstance(robots, RobotFileParser):
            return float(robots.crawl_delay(self.user_agent) or 0)
        return 0.0

    def _check_robots(self, url: str, allowed: frozenset[str], policy: FetchPolicy) -> None:
        key = self._robots_key(url)
        with self._guard:
            robots = self._robots.get(key)
        if robots is None:
            robots = self._load_robots(key, allowed, policy)
            with self._guard:
                self._robots[key] = robots
        if isinstance(robots, str):
            raise _Refused(robots, retryable=True)
        if not robots.can_fetch(self.user_agent, url):
            raise _Refused(f"disallowed by robots.txt of {key}")

    def _load_robots(self, key: str, allowed: frozenset[str], policy: FetchPolicy) -> RobotFileParser | str:
        """The parsed robots.txt, or the reason the whole host is off limits.

        As RFC 9309 says: a 4xx robots.txt (missing) allows everything; one
        that cannot be reached (5xx, network) disallows everything for now.
        """
        parser = RobotFileParser(key + "/robots.txt")
        try:
            fetched = self._follow(key + "/robots.txt", allowed, policy, None, check_robots=False)
        except _Refused as refused:
            if refused.status is not None and 400 <= refused.status < 500 and not refused.retryable:
                parser.parse([])
                return parser
            return f"robots.txt of {key} unavailable ({refused.reason})"
        parser.parse((fetched.content or b"").decode("utf-8", errors="replace").splitlines())
        return parser
