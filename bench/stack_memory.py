"""Resident memory of every process of a running stack, read from /proc (Linux).

The stack's own children (tritonserver, each service, the gateway) are known by pid; each
model's Python-backend stub is a child of tritonserver and is named after the model whose
model.py it runs. Sampling reads /proc/<pid>/status (VmRSS, RssAnon), costs well under a
millisecond per process, and needs no extra package.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
STUB_BINARY = "triton_python_backend_stub"


@dataclass(frozen=True)
class Usage:
    rss_mb: float  # resident set: what a cgroup memory limit counts (with page cache aside)
    anon_mb: float  # resident anonymous memory: the heap and arenas, without mapped files and shm


def usage(pid: int) -> Usage | None:
    """Resident memory of ``pid``, or None when the process is gone."""
    try:
        text = (PROC / str(pid) / "status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "RssAnon"):
            fields[key] = int(value.split()[0]) / 1024  # kB -> MB
    if "VmRSS" not in fields:
        return None  # a zombie has no memory lines
    return Usage(fields["VmRSS"], fields.get("RssAnon", 0.0))


def children(pid: int) -> list[int]:
    """Direct children of ``pid``."""
    found = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        # "pid (comm) state ppid ...": comm may hold spaces or parentheses, so split after the last ")".
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def stub_model(pid: int) -> str | None:
    """The model a Python-backend stub serves (from the model.py path in its command line)."""
    try:
        argv = (PROC / str(pid) / "cmdline").read_bytes().split(b"\0")
    except (FileNotFoundError, ProcessLookupError):
        return None
    if not argv or not argv[0].decode(errors="replace").endswith(STUB_BINARY):
        return None
    for arg in argv[1:]:
        path = Path(arg.decode(errors="replace"))
        if path.name == "model.py":  # <repository>/<model>/<version>/model.py
            return path.parent.parent.name
    return None


def stack_processes(named: dict[str, int], triton: str = "triton") -> dict[str, int]:
    """``named`` (process name -> pid) plus one ``stub:<model>`` entry per Python-backend stub
    of the process called ``triton``. Stubs start when their model loads, so call this after
    the stack is ready; a model with several instances gets ``stub:<model>#2`` and so on."""
    processes = dict(named)
    if triton in named:
        for child in sorted(children(named[triton])):
            model = stub_model(child)
            if model is None:
                continue
            name, index = f"stub:{model}", 2
            while name in processes:
                name, index = f"stub:{model}#{index}", index + 1
            processes[name] = child
    return processes


def sample(processes: dict[str, int]) -> dict[str, Usage]:
    """Current usage of each named process still alive."""
    found = {}
    for name, pid in processes.items():
        current = usage(pid)
        if current is not None:
            found[name] = current
    return found
