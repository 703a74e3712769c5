"""What a soak measured, as numbers (growth per process after warm-up), a markdown table and
a PNG (memory per process, latency percentiles and errors over time)."""

from __future__ import annotations

import csv
import itertools
import math
import statistics
import textwrap
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from bench.soak_load import Call
from bench.stack_memory import Usage


class Sample(NamedTuple):
    """One reading of one process (bench/stack_memory.Usage says what each figure counts)."""

    at_s: float  # seconds since the soak started
    process: str
    rss_mb: float
    pss_mb: float
    anon_mb: float
    shmem_mb: float
    pool_mb: float = 0.0  # a stub's tensor pool (allocated size of its /dev/shm file); 0 for other processes

    @classmethod
    def of(cls, at_s: float, process: str, use: Usage) -> Sample:
        return cls(at_s, process, use.rss_mb, use.pss_mb, use.anon_mb, use.shmem_mb, use.pool_mb)


# The warm and end windows are the first and the last fifth of the measured period (at least
# MIN_EDGE_S). In each, what a process *holds* is the HELD_QUANTILE of its samples: a process
# that frees what a call used goes up and down between samples (the text detector's stub holds
# 60 MB PSS between receipts and 200 MB during one, every few seconds), so its median follows the
# share of the window a receipt happened to be in flight (+-15 % between two 30 s windows of the
# same run with a flat 60 MB floor), while memory kept for good raises the low samples too.
# The median is reported beside it, and the peak bounds what calls in flight add.
EDGE_FRACTION = 0.2
MIN_EDGE_S = 30.0
HELD_QUANTILE = 0.1


def edge_s(warmup_s: float, end_s: float) -> float:
    return max(MIN_EDGE_S, EDGE_FRACTION * (end_s - warmup_s))


@dataclass(frozen=True)
class Growth:
    """Growth is judged on PSS: RSS counts the Python backend's shared-memory pool once per
    mapping, and the backend maps it again at each growth step (bench/stack_memory.py)."""

    process: str
    start_mb: float  # PSS, first sample
    warm_mb: float  # PSS held (HELD_QUANTILE) over the first edge_s() after warm-up
    end_mb: float  # PSS held over the last edge_s()
    peak_mb: float  # PSS, highest sample of the whole run
    warm_median_mb: float = 0.0  # PSS medians over the same windows
    end_median_mb: float = 0.0
    warm_rss_mb: float = 0.0  # RSS medians over the same windows, and its peak
    end_rss_mb: float = 0.0
    peak_rss_mb: float = 0.0
    rest_warm_mb: float | None = None  # PSS at rest (stack_memory.at_rest) after the warm-up and at the end
    rest_end_mb: float | None = None

    @property
    def at_rest(self) -> bool:
        return self.rest_warm_mb is not None and self.rest_end_mb is not None

    @property
    def rest_kept_mb(self) -> float:
        """MB more held at rest at the end than after the warm-up (0 without readings at rest)."""
        if self.rest_warm_mb is None or self.rest_end_mb is None:
            return 0.0
        return self.rest_end_mb - self.rest_warm_mb

    @property
    def rest_growth_pct(self) -> float:
        """Growth of what the process holds at rest, warm to end."""
        return 100.0 * self.rest_kept_mb / self.rest_warm_mb if self.rest_warm_mb else 0.0

    @property
    def growth_pct(self) -> float:
        """Growth of what the process holds, warm to end."""
        return 100.0 * (self.end_mb - self.warm_mb) / self.warm_mb if self.warm_mb else 0.0

    @property
    def median_growth_pct(self) -> float:
        return 100.0 * (self.end_median_mb - self.warm_median_mb) / self.warm_median_mb if self.warm_median_mb else 0.0

    def over(self, bound_pct: float, floor_mb: float = 0.0) -> bool:
        """Grew by more than ``bound_pct`` and by more than ``floor_mb`` (a small process's
        few MB of allocator noise is a large percentage of it). Judged at rest when the soak
        read the processes at rest: under load, a process whose calls take seconds holds some
        in flight in every sample, and its held figure follows how many (docs/memory.md, "At
        rest")."""
        if self.at_rest:
            return self.rest_growth_pct > bound_pct and self.rest_kept_mb > floor_mb
        return self.growth_pct > bound_pct and self.end_mb - self.warm_mb > floor_mb


def growth(samples: list[Sample], warmup_s: float, rests: list[dict[str, float]] | None = None) -> list[Growth]:
    """Per process, from the samples taken after ``warmup_s`` to the end, and, given ``rests``
    (PSS at rest after the warm-up and at the end), from those two readings."""
    rest_warm, rest_end = rests if rests and len(rests) == 2 else ({}, {})
    by_process: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        by_process[sample.process].append(sample)
    end_s = max(s.at_s for s in samples)
    edge = edge_s(warmup_s, end_s)
    found = []
    for name, series in sorted(by_process.items()):
        warm = [s for s in series if warmup_s <= s.at_s <= warmup_s + edge] or series[-1:]
        end = [s for s in series if s.at_s >= end_s - edge] or series[-1:]
        found.append(
            Growth(
                name,
                series[0].pss_mb,
                percentile([s.pss_mb for s in warm], HELD_QUANTILE),
                percentile([s.pss_mb for s in end], HELD_QUANTILE),
                max(s.pss_mb for s in series),
                statistics.median(s.pss_mb for s in warm),
                statistics.median(s.pss_mb for s in end),
                statistics.median(s.rss_mb for s in warm),
                statistics.median(s.rss_mb for s in end),
                max(s.rss_mb for s in series),
                rest_warm.get(name),
                rest_end.get(name),
            )
        )
    return found


HEADROOM = 1.5  # limit = peak x this, rounded up to LIMIT_STEP_MB
LIMIT_STEP_MB = 64


def suggested_limit_mb(peak_mb: float) -> int:
    return int(math.ceil(peak_mb * HEADROOM / LIMIT_STEP_MB) * LIMIT_STEP_MB)


def limits_markdown(rows: list[Growth]) -> str:
    """Peak per container and a memory limit with headroom. A service's container holds one
    process: its peak RSS (shared libraries counted whole, as its own cgroup would). Triton's
    container holds tritonserver and every stub, which share the Python backend's pools: the sum
    of their peak PSS counts each shared page once (and the peaks need not coincide, so the sum
    is an upper bound); the sum of their RSS would count a pool page up to a dozen times."""
    lines = [
        f"| container | warm MB | peak MB | limit (peak x {HEADROOM:g}, to {LIMIT_STEP_MB} MiB) |",
        "|---|---:|---:|---:|",
    ]
    triton = [g for g in rows if g.process == "triton" or g.process.startswith("stub:")]
    for g in rows:
        if g not in triton:
            lines.append(
                f"| {g.process} (RSS) | {g.warm_rss_mb:.0f} | {g.peak_rss_mb:.0f} "
                f"| {suggested_limit_mb(g.peak_rss_mb)} Mi |"
            )
    if triton:
        warm, peak = sum(g.warm_mb for g in triton), sum(g.peak_mb for g in triton)
        lines.append(
            f"| Triton (tritonserver + {len(triton) - 1} stubs, sum of PSS) | {warm:.0f} | {peak:.0f} "
            f"| {suggested_limit_mb(peak)} Mi |"
        )
    return "\n".join(lines) + "\n"


def pools_markdown(samples: list[Sample], warmup_s: float) -> str:
    """Each stub's tensor pool at the start, at the end of the warm-up and at the end, and when
    it grew after the warm-up: the pool never shrinks, so any step after warm-up is memory the
    stack keeps from then on (bench/stack_memory.py)."""
    by_process: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        if sample.process.startswith("stub:"):
            by_process[sample.process].append(sample)
    lines = [
        "| stub | pool MB at start | end of warm-up | end | grew after warm-up at (min) |",
        "|---|---:|---:|---:|---|",
    ]
    for name, series in sorted(by_process.items()):
        warm = [s for s in series if s.at_s <= warmup_s] or series[:1]
        steps = [
            f"{b.at_s / 60:.1f} (+{b.pool_mb - a.pool_mb:.0f})"
            for a, b in itertools.pairwise(series)
            if b.at_s > warmup_s and b.pool_mb > a.pool_mb
        ]
        lines.append(
            f"| {name} | {series[0].pool_mb:.0f} | {warm[-1].pool_mb:.0f} | {series[-1].pool_mb:.0f} "
            f"| {', '.join(steps) or 'never'} |"
        )
    return "\n".join(lines) + "\n"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def latency_windows(calls: list[Call], window_s: float) -> list[tuple[float, int, float, float, float]]:
    """(window start s, calls, p50, p95, p99 ms) per window, over every successful call."""
    buckets: dict[int, list[float]] = defaultdict(list)
    for call in calls:
        if call.code == "OK":
            buckets[int(call.at_s // window_s)].append(call.latency_ms)
    return [
        (i * window_s, len(v), percentile(v, 0.5), percentile(v, 0.95), percentile(v, 0.99))
        for i, v in sorted(buckets.items())
    ]


def markdown(
    samples: list[Sample],
    calls: list[Call],
    warmup_s: float,
    duration_s: float,
    window_s: float,
    bound_pct: float,
    rests: list[dict[str, float]] | None = None,
) -> str:
    rows = growth(samples, warmup_s, rests)
    edge = edge_s(warmup_s, max(s.at_s for s in samples))
    judged = (
        "growth = at rest, after the warm-up to the end (the clients stopped and every call returned; "
        "stack_memory.at_rest)"
        if any(g.at_rest for g in rows)
        else "growth = held, warm to end"
    )
    lines = [
        f"Proportional set size (PSS, MB: each shared page divided among the processes mapping it). "
        f"Warm: the {edge:.0f} s after the {warmup_s:.0f} s warm-up; end: the last {edge:.0f} s. "
        f"Held = the {100 * HELD_QUANTILE:g}th percentile of a window's samples under load; "
        f"{judged}; bound {bound_pct:g} %. Medians and RSS (each mapping of a page counted) beside it.",
        "",
        "| process | start | at rest warm → end | growth at rest | held warm → end | growth held | median warm → end "
        "| peak | RSS median warm → end | RSS peak |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for g in rows:
        flag = " **over**" if g.over(bound_pct) else ""
        rest = (
            (f"{g.rest_warm_mb:.0f} → {g.rest_end_mb:.0f}", f"{g.rest_growth_pct:+.1f} %{flag}")
            if g.at_rest
            else ("–", "–")
        )
        held_flag = "" if g.at_rest else flag
        lines.append(
            f"| {g.process} | {g.start_mb:.0f} | {rest[0]} | {rest[1]} | {g.warm_mb:.0f} → {g.end_mb:.0f} "
            f"| {g.growth_pct:+.1f} %{held_flag} "
            f"| {g.warm_median_mb:.0f} → {g.end_median_mb:.0f} ({g.median_growth_pct:+.0f} %) | {g.peak_mb:.0f} "
            f"| {g.warm_rss_mb:.0f} → {g.end_rss_mb:.0f} | {g.peak_rss_mb:.0f} |"
        )
    per_op: dict[str, list[float]] = defaultdict(list)
    codes: Counter[tuple[str, str]] = Counter()
    for call in calls:
        codes[(call.operation, call.code)] += 1
        if call.code == "OK":
            per_op[call.operation].append(call.latency_ms)
    lines += [
        "",
        f"{len(calls)} calls in {duration_s:.0f} s ({len(calls) / duration_s:.2f}/s); "
        f"errors: {sum(n for (_, code), n in codes.items() if code != 'OK')}.",
        "",
        "| operation | calls | errors | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for op in sorted({c.operation for c in calls}):
        ok = per_op.get(op, [])
        errors = ", ".join(f"{code} {n}" for (o, code), n in sorted(codes.items()) if o == op and code != "OK")
        p = (percentile(ok, 0.5), percentile(ok, 0.95), percentile(ok, 0.99)) if ok else (0.0, 0.0, 0.0)
        total = sum(n for (o, _code), n in codes.items() if o == op)
        lines.append(f"| {op} | {total} | {errors or 0} | {p[0]:.0f} | {p[1]:.0f} | {p[2]:.0f} |")
    lines += ["", "Memory limits from these figures:", "", limits_markdown(rows).rstrip("\n")]
    pools = pools_markdown(samples, warmup_s).rstrip("\n")
    lines += ["", "Python-backend tensor pools (/dev/shm, never shrink):", "", pools]
    lines += [
        "",
        f"Latency of all successful calls per {window_s:.0f} s window:",
        "",
        "| from s | calls | p50 ms | p95 ms | p99 ms |",
        "|---:|---:|---:|---:|---:|",
    ]
    lines += [f"| {s:.0f} | {n} | {a:.0f} | {b:.0f} | {c:.0f} |" for s, n, a, b, c in latency_windows(calls, window_s)]
    return "\n".join(lines) + "\n"


def write_csv(out: Path, samples: list[Sample], calls: list[Call], rests: list[dict[str, float]] | None = None) -> None:
    with (out / "memory.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(Sample._fields)
        writer.writerows((f"{s.at_s:.1f}", s.process, *(f"{v:.1f}" for v in s[2:])) for s in samples)
    with (out / "calls.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["at_s", "operation", "latency_ms", "code"])
        writer.writerows((f"{c.at_s:.2f}", c.operation, f"{c.latency_ms:.1f}", c.code) for c in calls)
    if rests:
        with (out / "rest.csv").open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["reading", "process", "pss_mb"])
            for index, rest in enumerate(rests):
                writer.writerows((index, name, f"{mb:.1f}") for name, mb in rest.items())


def read_csv(out: Path) -> tuple[list[Sample], list[Call], list[dict[str, float]]]:
    """What write_csv wrote, to report a finished run again."""
    with (out / "memory.csv").open() as handle:
        samples = [
            # Records written before pool_mb was sampled have no such column: 0.
            Sample(float(r["at_s"]), r["process"], *(float(r.get(f) or 0) for f in Sample._fields[2:]))
            for r in csv.DictReader(handle)
        ]
    with (out / "calls.csv").open() as handle:
        calls = [
            Call(float(r["at_s"]), r["operation"], float(r["latency_ms"]), r["code"]) for r in csv.DictReader(handle)
        ]
    rests: list[dict[str, float]] = []
    if (out / "rest.csv").is_file():  # records written before the soak read processes at rest have none
        with (out / "rest.csv").open() as handle:
            for r in csv.DictReader(handle):
                while len(rests) <= int(r["reading"]):
                    rests.append({})
                rests[int(r["reading"])][r["process"]] = float(r["pss_mb"])
    return samples, calls, rests


def plot(path: Path, samples: list[Sample], calls: list[Call], warmup_s: float, window_s: float, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")  # no display: write the file only
    import matplotlib.pyplot as plt

    fig, (mem_ax, lat_ax, err_ax) = plt.subplots(
        3, 1, figsize=(13, 11), sharex=True, gridspec_kw={"height_ratios": [3, 1.4, 0.8]}
    )
    by_process: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for sample in samples:
        by_process[sample.process].append((sample.at_s / 60, sample.pss_mb))
    colours = [plt.get_cmap("tab20")(i) for i in range(20)]  # one colour per process; stubs dashed
    ordered = sorted(by_process.items(), key=lambda item: -max(r for _, r in item[1]))
    for index, (name, series) in enumerate(ordered):
        style = "--" if name.startswith("stub:") else "-"
        mem_ax.plot(
            [t for t, _ in series],
            [r for _, r in series],
            style,
            label=name,
            linewidth=1.2,
            color=colours[index % len(colours)],
        )
    mem_ax.set_ylabel("PSS (MB)")
    mem_ax.set_yscale("log")
    mem_ax.axvline(warmup_s / 60, color="grey", linestyle="--", linewidth=1)
    mem_ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    mem_ax.set_title(textwrap.fill(title, 110), fontsize=9)
    mem_ax.grid(alpha=0.3)
    windows = latency_windows(calls, window_s)
    for index, label in ((2, "p50"), (3, "p95"), (4, "p99")):
        lat_ax.plot([w[0] / 60 for w in windows], [w[index] for w in windows], label=label)
    lat_ax.set_ylabel("latency (ms)")
    lat_ax.legend(fontsize=8)
    lat_ax.grid(alpha=0.3)
    errors = sorted(c.at_s / 60 for c in calls if c.code != "OK")
    err_ax.step(
        [0, *errors, max((c.at_s for c in calls), default=0) / 60], [0, *range(1, len(errors) + 1), len(errors)]
    )
    err_ax.set_ylabel("errors (cumulative)")
    err_ax.set_xlabel("minutes")
    err_ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
