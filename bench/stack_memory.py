"""Resident memory of every process of a running stack, read from /proc (Linux).

The stack's own children (tritonserver, each service, the gateway) are known by pid; each
model's Python-backend stub is a child of tritonserver and is named after the model whose
model.py it runs. Sampling reads /proc/<pid>/status (VmRSS, RssAnon) and
/proc/<pid>/smaps_rollup (Pss, Pss_Shmem); a few milliseconds per process, no extra package.

Why PSS as well as RSS (docs/memory.md, "RSS counts the shared-memory pool several times"): the
Python backend passes tensors between tritonserver and each stub through a file in /dev/shm that
grows in steps; at each step both processes map the grown file again and keep the old mappings,
and RSS counts a page once per mapping that touched it. After six steps the text detector's stub
showed 53 MB of shared memory in RSS for an 18 MB pool, and tritonserver counts every stub's
pool on top. PSS divides each page among all its mappings, so the PSS of the processes of a
container add up to what its cgroup (the Kubernetes limit) counts, shm pages once.

A stub's pool is also read directly: the file's allocated size in /dev/shm (its name is in the
stub's command line). The backend allocates the file whole when it grows it, and never shrinks
it, so its size is the pool's high-water mark: what the model's largest requests in flight at
once needed.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
SHM = Path("/dev/shm")
STUB_BINARY = "triton_python_backend_stub"
POOL_PREFIX = "triton_python_backend_shm_region"


@dataclass(frozen=True)
class Usage:
    rss_mb: float  # resident set (VmRSS): pages mapped, a page counted once per mapping
    anon_mb: float  # resident anonymous memory (RssAnon): heaps, arenas, buffers; private to the process
    pss_mb: float  # proportional set (Pss): each page divided among all the mappings that touched it
    shmem_mb: float  # this process's share of shared memory (Pss_Shmem): the Python backend's pools
    pool_mb: float = 0.0  # a stub's own tensor pool: the /dev/shm file's allocated size; 0 for other processes


def _fields(path: Path, keys: tuple[str, ...]) -> dict[str, float]:
    fields = {}
    for line in path.read_text().splitlines():
        key, _, value = line.partition(":")
        if key in keys:
            fields[key] = int(value.split()[0]) / 1024  # kB -> MB
    return fields


def usage(pid: int) -> Usage | None:
    """Resident memory of ``pid``, or None when the process is gone."""
    try:
        status = _fields(PROC / str(pid) / "status", ("VmRSS", "RssAnon"))
        rollup = _fields(PROC / str(pid) / "smaps_rollup", ("Pss", "Pss_Shmem"))
    except (FileNotFoundError, ProcessLookupError):
        return None
    if "VmRSS" not in status or "Pss" not in rollup:
        return None  # a zombie has no memory lines
    return Usage(status["VmRSS"], status.get("RssAnon", 0.0), rollup["Pss"], rollup.get("Pss_Shmem", 0.0), pool_mb(pid))


def _stub_argv(pid: int) -> list[str]:
    """The command line of ``pid`` when it is a Python-backend stub, else []."""
    try:
        argv = [arg.decode(errors="replace") for arg in (PROC / str(pid) / "cmdline").read_bytes().split(b"\0")]
    except (FileNotFoundError, ProcessLookupError):
        return []
    return argv if argv and argv[0].endswith(STUB_BINARY) else []


def pool_mb(pid: int) -> float:
    """Allocated size of the tensor pool of the stub ``pid`` (0 when ``pid`` is no stub)."""
    for arg in _stub_argv(pid)[1:]:
        if arg.startswith(POOL_PREFIX):
            try:
                return (SHM / arg).stat().st_blocks * 512 / 2**20
            except FileNotFoundError:
                return 0.0
    return 0.0


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
    for arg in _stub_argv(pid)[1:]:
        path = Path(arg)
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


def at_rest(processes: dict[str, int], settle_s: float = 6.0, readings: int = 5) -> dict[str, float]:
    """PSS (MB) of each process with no call in flight: call it once every client has stopped
    and every call has returned. After ``settle_s`` (longer than the 5 s in which every gRPC
    process hands freed heap memory back) it takes ``readings`` samples a second
    apart and keeps each process's median. At rest a process holds only what it keeps between
    calls, however busy the load was; under load a process whose calls take seconds (DetectText)
    is never without one in flight (docs/memory.md, "At rest")."""
    time.sleep(settle_s)
    found: dict[str, list[float]] = {}
    for index in range(readings):
        if index:
            time.sleep(1.0)
        for name, use in sample(processes).items():
            found.setdefault(name, []).append(use.pss_mb)
    return {name: statistics.median(values) for name, values in found.items()}
