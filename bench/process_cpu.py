"""CPU time of a process and its descendants, read from /proc (Linux only)."""

import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
PROC = Path("/proc")


def _stat(pid: int) -> list[str] | None:
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name may hold spaces: the fields start after its ")".
    return text[text.rindex(")") + 2 :].split()


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))):
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def tree_cpu_seconds(pid: int) -> float:
    """User plus system CPU of ``pid`` and every descendant, living or reaped.

    A reaped child's time is in its parent's cutime/cstime, so the total only
    grows, whichever processes come and go between two readings.
    """
    children = _children()
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        fields = _stat(current)
        if fields is None:
            continue
        # utime, stime, cutime, cstime: fields 14 to 17 of proc(5).
        total += sum(int(value) for value in fields[11:15])
        pending.extend(children.get(current, []))
    return total / TICKS


def parent_pid(pid: int) -> int | None:
    """The parent of ``pid``, or None if it is not visible here."""
    fields = _stat(pid)
    return int(fields[1]) if fields else None
