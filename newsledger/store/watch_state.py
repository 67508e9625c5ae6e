"""The SQL of ``newsledger watch``: its sources and their schedule, the items it has taken,
and the status it shows (a part of the store's SQL, beside ``database``).

Exactly once: an item is marked taken only after its article was written (or rejected for
good), in a transaction of its own; an article written just before a crash and taken again
after it is recognised by the ledger's own key (body hash and URL) and counted as already
stored, never stored twice. A source is leased to one watcher for the length of a poll, so
two watchers on one ledger share the work and never poll one source at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from newsledger.store.models import StoredDocument, StoredEvent, WatchItem, WatchSource

if TYPE_CHECKING:
    from sqlalchemy import Engine


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def item_key(key: str) -> str:
    """The stored form of an item's key (a guid or URL of any length): its SHA-256."""
    return hashlib.sha256(key.encode()).hexdigest()


VERSION_LENGTH = 100  # WatchItem.version
ETAG_LENGTH, MODIFIED_LENGTH = 500, 100  # WatchSource.etag, .last_modified


def stored_version(version: str | None) -> str | None:
    """An item's version as stored: as given, or its SHA-256 when longer than the column
    (a version is only ever compared for equality)."""
    if version is None or len(version) <= VERSION_LENGTH:
        return version
    return "sha256:" + hashlib.sha256(version.encode()).hexdigest()


def _fitting(value: str | None, length: int) -> str | None:
    """A validator as stored: None when longer than its column (the next request is then
    not conditional, which costs a download, never an article)."""
    return value if value is None or len(value) <= length else None


@dataclass(frozen=True)
class SourceState:
    """A watched source as the ledger holds it."""

    id: int
    url: str
    kind: str | None
    every_s: float
    etag: str | None
    last_modified: str | None
    last_poll: str | None
    next_poll: str | None
    last_status: str | None
    last_error: str | None
    failures: int
    last_article: str | None
    articles: int
    requests: int


@dataclass(frozen=True)
class PollOutcome:
    """What one poll of a source changes in its row: the validators to send next time,
    its kind, the outcome (``ok``, ``unchanged``, ``error``), the error's words, the
    articles it wrote, the requests it made and when it is due next."""

    kind: str | None
    etag: str | None
    last_modified: str | None
    status: str
    error: str | None
    articles: int
    requests: int
    next_poll: datetime
    failures: int


def _state(row: WatchSource) -> SourceState:
    return SourceState(row.id, row.url, row.kind, row.every_s, row.etag, row.last_modified,
                       row.last_poll, row.next_poll, row.last_status, row.last_error,
                       row.failures, row.last_article, row.articles, row.requests)


class WatchState:
    """The watch's tables in one ledger's database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def register(self, urls: Sequence[str], every_s: float) -> list[SourceState]:
        """The sources of ``urls`` (added if new, their interval set to ``every_s``), in
        the order given; a new one is due at once."""
        insert = postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert
        with Session(self.engine) as session, session.begin():
            for url in dict.fromkeys(urls):
                session.execute(insert(WatchSource).values(
                    url=url, every_s=every_s, failures=0, articles=0, requests=0,
                    next_poll=iso(utc_now())).on_conflict_do_nothing(index_elements=["url"]))
                session.execute(update(WatchSource).where(WatchSource.url == url)
                                .values(every_s=every_s))
        return self.sources(urls)

    def sources(self, urls: Sequence[str] | None = None) -> list[SourceState]:
        """The watched sources (those of ``urls``, in that order; else all, by id)."""
        stmt = select(WatchSource).order_by(WatchSource.id)
        if urls is not None:
            stmt = stmt.where(WatchSource.url.in_(list(urls)))
        with Session(self.engine) as session:
            found = [_state(row) for row in session.scalars(stmt)]
        if urls is None:
            return found
        by_url = {s.url: s for s in found}
        return [by_url[u] for u in dict.fromkeys(urls) if u in by_url]

    def claim_due(self, ids: Iterable[int], owner: str, lease_s: float,
                  now: datetime | None = None) -> list[SourceState]:
        """The sources of ``ids`` due now and not leased to another watcher, leased to
        ``owner`` for ``lease_s`` seconds (one UPDATE each, so two watchers never both win)."""
        now = now or utc_now()
        stamp, until = iso(now), iso(now + timedelta(seconds=lease_s))
        claimed: list[int] = []
        with Session(self.engine) as session, session.begin():
            for source_id in sorted(ids):  # one order for all watchers: no deadlock
                won = session.execute(
                    update(WatchSource)
                    .where(WatchSource.id == source_id,
                           or_(WatchSource.next_poll.is_(None), WatchSource.next_poll <= stamp),
                           or_(WatchSource.lease_until.is_(None),
                               WatchSource.lease_until <= stamp,
                               WatchSource.lease_owner == owner))
                    .values(lease_until=until, lease_owner=owner))
                if won.rowcount:  # type: ignore[attr-defined]
                    claimed.append(source_id)
        with Session(self.engine) as session:
            rows = session.scalars(select(WatchSource).where(WatchSource.id.in_(claimed))
                                   .order_by(WatchSource.id))
            return [_state(row) for row in rows]

    def next_due(self, ids: Iterable[int], owner: str | None = None) -> datetime | None:
        """When the earliest of these sources is due to ``owner``: a source another watcher
        holds is due to it no sooner than that lease ends."""
        with Session(self.engine) as session:
            rows = session.execute(select(WatchSource.next_poll, WatchSource.lease_until,
                                          WatchSource.lease_owner)
                                   .where(WatchSource.id.in_(list(ids)))).all()
        due = [max(row.next_poll or "", row.lease_until or "")
               if row.lease_owner not in (None, owner) else row.next_poll or ""
               for row in rows]
        first = min(due, default="")
        return datetime.fromisoformat(first) if first else None

    def unseen(self, source_id: int, items: Sequence[tuple[str, str | None]]
               ) -> list[tuple[str, str | None]]:
        """Those of ``items`` (key, version) not taken yet, or taken at another version."""
        keys = {item_key(key): (key, version) for key, version in items}
        versions = {hashed: stored_version(version) for hashed, (_k, version) in keys.items()}
        taken: dict[str, str | None] = {}
        with Session(self.engine) as session:
            chunk = list(keys)
            for start in range(0, len(chunk), 500):
                rows = session.execute(select(WatchItem.key, WatchItem.version).where(
                    WatchItem.source_id == source_id,
                    WatchItem.key.in_(chunk[start:start + 500])))
                taken.update({row.key: row.version for row in rows})
        return [(key, version) for hashed, (key, version) in keys.items()
                if hashed not in taken or taken[hashed] != versions[hashed]]

    def mark_taken(self, source_id: int, items: Sequence[tuple[str, str | None]]) -> None:
        """Remember these items (key, version) of the source as taken."""
        if not items:
            return
        stamp = iso(utc_now())
        insert = postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert
        rows = {item_key(key): stored_version(version) for key, version in items}
        with Session(self.engine) as session, session.begin():
            for hashed, version in rows.items():  # another watcher may take it meanwhile
                session.execute(insert(WatchItem).values(
                    source_id=source_id, key=hashed, version=version, seen=stamp)
                    .on_conflict_do_update(index_elements=["source_id", "key"],
                                           set_={"version": version, "seen": stamp}))

    def finish_poll(self, source_id: int, owner: str, outcome: PollOutcome) -> None:
        """Write a poll's outcome into the source's row and release its lease."""
        now = iso(utc_now())
        values: dict[str, object] = {
            "kind": outcome.kind, "etag": _fitting(outcome.etag, ETAG_LENGTH),
            "last_modified": _fitting(outcome.last_modified, MODIFIED_LENGTH),
            "last_poll": now, "last_status": outcome.status, "last_error": outcome.error,
            "failures": outcome.failures, "next_poll": iso(outcome.next_poll),
            "articles": WatchSource.articles + outcome.articles,
            "requests": WatchSource.requests + outcome.requests,
            "lease_until": None, "lease_owner": None}
        if outcome.articles:
            values["last_article"] = now
        with Session(self.engine) as session, session.begin():
            session.execute(update(WatchSource).where(WatchSource.id == source_id,
                                                      WatchSource.lease_owner == owner)
                            .values(**values))

    def owners(self, ids: Iterable[int]) -> set[str]:
        """The watchers that hold a lease on any of these sources."""
        with Session(self.engine) as session:
            return set(session.scalars(select(WatchSource.lease_owner).where(
                WatchSource.id.in_(list(ids)), WatchSource.lease_owner.is_not(None))))

    def forget(self, urls: Sequence[str]) -> int:
        """Stop watching ``urls``: their rows and the items taken from them go (the
        articles stay in the ledger); how many sources there were."""
        with Session(self.engine) as session, session.begin():
            ids = list(session.scalars(select(WatchSource.id)
                                       .where(WatchSource.url.in_(list(urls)))))
            session.execute(delete(WatchItem).where(WatchItem.source_id.in_(ids)))
            session.execute(delete(WatchSource).where(WatchSource.id.in_(ids)))
        return len(ids)

    def release(self, owner: str) -> None:
        """Give back every lease of ``owner`` (a watcher stopping between polls)."""
        with Session(self.engine) as session, session.begin():
            session.execute(update(WatchSource).where(WatchSource.lease_owner == owner)
                            .values(lease_until=None, lease_owner=None))

    def ledger_size(self) -> dict[str, int]:
        with Session(self.engine) as session:
            return {"documents": session.scalar(select(func.count(StoredDocument.id))) or 0,
                    "events": session.scalar(select(func.count(StoredEvent.id))) or 0}
