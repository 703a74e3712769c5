"""Soak: every operation at saturation for a set time, with the resident memory of every
process of the stack sampled throughout.

    .venv/bin/python -m bench.soak [--minutes 30] [--quick] [--concurrency 4] [--mix detect_text=1,...]
                                   [--warmup-minutes 5] [--bound-pct 5] [--out DIR]

Starts its own stack on free ports (scripts/stack.py: what `make run` starts), creates a face
collection, then runs ``--concurrency`` clients that call back to back through the gateway,
each picking the next operation at random by the weights of ``--mix`` (default: the mix in
bench/soak_load.py). Every ``--sample-s`` seconds it reads the RSS of tritonserver, each
model's Python-backend stub, each service and the gateway. It writes to ``--out`` (default
.run/soak-<time>/): memory.csv, calls.csv, rest.csv, summary.md (growth per process after
warm-up, latency per operation and over time, errors) and soak.png; it prints summary.md.

The clients stop at the end of the warm-up (and resume once every process has been read at
rest: bench/stack_memory.at_rest) and at the end. Exit status 1 when what a process holds at
rest grew by more than ``--bound-pct`` from the end of the warm-up to the end, or when a call
failed: the soak is a check as well as a record. ``--quick`` is a 4-minute run with a 2-minute
warm-up.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import grpc

from bench import stack_memory
from bench.soak_load import (
    COLLECTION_OPERATIONS,
    DEFAULT_MIX,
    EVAL,
    Call,
    ImageSets,
    Traffic,
    collection_name,
    drive,
    parse_mix,
)
from bench.soak_report import Sample, growth, markdown, plot, read_csv, write_csv
from scripts.stack import ROOT, Stack, start_stack

_CHANNEL_OPTIONS = [("grpc.max_send_message_length", 16 << 20), ("grpc.max_receive_message_length", 16 << 20)]


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=30.0, help="length of the load")
    parser.add_argument("--warmup-minutes", type=float, default=5.0, help="growth is measured from here to the end")
    parser.add_argument("--quick", action="store_true", help="4 minutes, 2 of them warm-up")
    parser.add_argument("--concurrency", type=int, default=4, help="clients calling back to back")
    parser.add_argument("--mix", type=parse_mix, default=dict(DEFAULT_MIX), help="name=weight,... (default: all)")
    parser.add_argument("--text-images", type=int, default=12, help="distinct images DetectText cycles through")
    parser.add_argument(
        "--repository-images", action="store_true", help="the repository's test images only, as the CI check uses"
    )
    parser.add_argument("--sample-s", type=float, default=5.0, help="seconds between memory samples")
    parser.add_argument("--bound-pct", type=float, default=5.0, help="largest growth after warm-up that passes")
    parser.add_argument("--only", default="", help="services to start (short names, comma-separated; default all)")
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="[SERVICE:]KEY=VALUE",
        help="environment for one service (short name) or, without SERVICE:, for every process; repeatable",
    )
    parser.add_argument("--out", type=Path, help="output folder (default .run/soak-<time>)")
    parser.add_argument("--title", default="", help="plot title")
    parser.add_argument("--report-only", action="store_true", help="no load: report the CSVs already in --out again")
    args = parser.parse_args(argv)
    if args.quick:
        args.minutes, args.warmup_minutes = 4.0, 2.0
    return args


async def sample_memory(
    processes: dict[str, int], started: float, until: float, every_s: float, samples: list[Sample], calls: list[Call]
) -> None:
    next_progress = time.monotonic() + 60
    while True:
        now = time.monotonic()
        current = stack_memory.sample(processes)
        for name, use in current.items():
            samples.append(Sample.of(now - started, name, use))
        if now >= next_progress:  # a line a minute, so a long run shows it is alive
            next_progress += 60
            largest = sorted(current.items(), key=lambda item: -item[1].pss_mb)[:5]
            errors = sum(1 for c in calls if c.code != "OK")
            print(
                f"{(now - started) / 60:5.1f} min: {len(calls)} calls, {errors} errors; "
                + ", ".join(f"{name} {use.pss_mb:.0f} MB" for name, use in largest),
                file=sys.stderr,
                flush=True,
            )
        if now >= until:
            return
        await asyncio.sleep(min(every_s, max(0.0, until - now)))


@dataclass(frozen=True)
class Load:
    minutes: float
    concurrency: int
    mix: dict[str, float]
    sample_s: float = 5.0
    text_images: int = 12
    eval_images: bool = True  # the eval sets under ../shared/eval when present; False: repository images only


async def soak(
    gateway: str, processes: dict[str, int], load: Load, rest_after_minutes: float | None = None
) -> tuple[list[Sample], list[Call], float, list[dict[str, float]]]:
    """Run the load; (memory samples, calls, seconds it ran, PSS at rest). With
    ``rest_after_minutes`` the clients stop there as well as at the end; each time, once every
    call has returned, every process is read at rest (stack_memory.at_rest), and the load
    resumes."""
    samples: list[Sample] = []
    calls: list[Call] = []
    rests: list[dict[str, float]] = []
    async with grpc.aio.insecure_channel(gateway, options=_CHANNEL_OPTIONS) as channel:
        images = ImageSets.load(load.text_images, EVAL if load.eval_images else None)
        traffic = Traffic(channel, images, collection_name())
        uses_collection = any(name in COLLECTION_OPERATIONS for name in load.mix)
        if uses_collection:
            await traffic.setup()
        try:
            started = time.monotonic()
            phases = [load.minutes * 60]
            if rest_after_minutes is not None and 0 < rest_after_minutes < load.minutes:
                phases = [rest_after_minutes * 60, (load.minutes - rest_after_minutes) * 60]
            for phase, seconds in enumerate(phases):
                until = time.monotonic() + seconds
                await asyncio.gather(
                    sample_memory(processes, started, until, load.sample_s, samples, calls),
                    *(
                        drive(traffic, load.mix, until, started, phase * load.concurrency + seed, calls)
                        for seed in range(load.concurrency)
                    ),
                )
                if len(phases) > 1:
                    rests.append(await asyncio.to_thread(stack_memory.at_rest, processes))
            ran = time.monotonic() - started
            # One last sample after the final calls have returned.
            for name, use in stack_memory.sample(processes).items():
                samples.append(Sample.of(ran, name, use))
        finally:
            if uses_collection:
                await traffic.teardown()
    return samples, calls, ran, rests


def report(
    out: Path,
    samples: list[Sample],
    calls: list[Call],
    ran_s: float,
    args: argparse.Namespace,
    rests: list[dict[str, float]] | None = None,
) -> int:
    out.mkdir(parents=True, exist_ok=True)
    warmup_s = args.warmup_minutes * 60
    window_s = max(30.0, ran_s / 30)
    write_csv(out, samples, calls, rests)
    summary = markdown(samples, calls, warmup_s, ran_s, window_s, args.bound_pct, rests)
    (out / "summary.md").write_text(summary)
    title = args.title or f"soak: {args.minutes:g} min, {args.concurrency} clients, mix {_mix_text(args.mix)}"
    plot(out / "soak.png", samples, calls, warmup_s, window_s, title)
    print(summary)
    print(f"wrote {out}/summary.md, soak.png, memory.csv, calls.csv, rest.csv", file=sys.stderr)
    over = [g.process for g in growth(samples, warmup_s, rests) if g.over(args.bound_pct)]
    failed = sum(1 for c in calls if c.code != "OK")
    if over or failed:
        print(f"FAIL: grew beyond {args.bound_pct:g} %: {over or 'none'}; failed calls: {failed}", file=sys.stderr)
        return 1
    return 0


def _mix_text(mix: dict[str, float]) -> str:
    total = sum(mix.values())
    return ", ".join(f"{name} {100 * weight / total:.0f}%" for name, weight in mix.items())


def stack_pids(stack: Stack) -> dict[str, int]:
    """Every process of a started stack, the Triton stubs included."""
    return stack_memory.stack_processes({spec.name: proc.pid for spec, proc in stack.children})


def environments(specs: list[str]) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """``--env`` values -> (for every process, per service short name)."""
    common: dict[str, str] = {}
    per_service: dict[str, dict[str, str]] = {}
    for spec in specs:
        target, _, assignment = spec.rpartition(":") if ":" in spec.split("=", 1)[0] else ("", "", spec)
        key, sep, value = assignment.partition("=")
        if not sep:
            raise SystemExit(f"--env {spec!r}: expected [SERVICE:]KEY=VALUE")
        (per_service.setdefault(target, {}) if target else common)[key] = value
    return common, per_service


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    out = args.out or ROOT / ".run" / time.strftime("soak-%Y%m%d-%H%M%S")
    if args.report_only:
        samples, calls, rests = read_csv(out)
        return report(out, samples, calls, max(s.at_s for s in samples), args, rests)
    only = [name for name in args.only.split(",") if name]
    common_env, service_env = environments(args.env)
    os.environ.update(common_env)  # the stack's children inherit it, tritonserver and its stubs included
    print("starting a stack on free ports…", file=sys.stderr)
    stack, addresses = start_stack(Path(tempfile.mkdtemp(prefix="facet-soak-")), only=only, service_env=service_env)
    try:
        processes = stack_pids(stack)
        print(f"sampling {len(processes)} processes: {', '.join(processes)}", file=sys.stderr)
        load = Load(
            args.minutes, args.concurrency, args.mix, args.sample_s, args.text_images, not args.repository_images
        )
        samples, calls, ran, rests = asyncio.run(soak(addresses.gateway, processes, load, args.warmup_minutes))
    finally:
        stack.stop_all()
    return report(out, samples, calls, ran, args, rests)


if __name__ == "__main__":
    raise SystemExit(main())
