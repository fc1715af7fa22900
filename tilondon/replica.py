"""Analysts' heavy reads on the streaming replica, when DATABASE_REPLICA_URL is set.

Exports, findings builds and the staff dashboard read inside
``replica_reads()``; everything else (the respondent's path, the admin, every
write) uses the primary. Without a replica the router is not installed and
``replica_reads()`` changes nothing. The replica is synchronous with
``synchronous_commit = remote_apply`` (deploy/postgresql/primary.conf), so a
row committed on the primary is visible there too.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

REPLICA = "replica"
_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)
_primary_only: ContextVar[bool] = ContextVar("primary_only", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Send the reads made inside this block to the replica, if there is one."""
    token = _replica_reads.set(not _primary_only.get())
    try:
        yield
    finally:
        _replica_reads.reset(token)


@contextmanager
def primary_reads() -> Iterator[None]:
    """Keep every read inside this block on the primary, ``replica_reads()`` too.

    For a transaction that reads what it has just written: the replica sees a
    row only once the primary has committed it.
    """
    token = _primary_only.set(True)
    replica = _replica_reads.set(False)
    try:
        yield
    finally:
        _replica_reads.reset(replica)
        _primary_only.reset(token)


class ReplicaRouter:
    """Reads inside ``replica_reads()`` go to the replica; the rest to the primary."""

    def db_for_read(self, model, **hints) -> str:
        """The replica inside ``replica_reads()``, else the primary."""
        return REPLICA if _replica_reads.get() else "default"

    def db_for_write(self, model, **hints) -> str:
        """Always the primary: the replica is read-only."""
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        """Rows read from either are the same rows."""
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        """Only the primary: the replica receives every change by replication."""
        return db == "default"
