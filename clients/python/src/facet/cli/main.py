"""`facet`: call Facet from a shell. `facet --help` lists the commands.

Errors are one line on stderr (`facet: INVALID_ARGUMENT NO_FACE_IN_SOURCE: ...`) and the exit
status says what kind (EXIT_CODES); with --json the error is also printed as JSON on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

import grpc

from facet.cli import collection_commands, image_commands
from facet.cli.output import emit
from facet.client.channel import DEFAULT_ENDPOINT, connect
from facet.client.errors import describe_error

# Exit status per gRPC code, so scripts can tell "fix the input" from "retry later".
EXIT_CODES = {
    "INVALID_ARGUMENT": 3,
    "NOT_FOUND": 4,
    "ALREADY_EXISTS": 5,
    "UNAUTHENTICATED": 6,
    "PERMISSION_DENIED": 7,
    "RESOURCE_EXHAUSTED": 8,
    "FAILED_PRECONDITION": 9,
    "UNAVAILABLE": 10,
    "DEADLINE_EXCEEDED": 11,
}
EXIT_OTHER_RPC_ERROR = 12  # INTERNAL, UNKNOWN, CANCELLED, ...
EXIT_PARTIAL = 1  # `collections index`: some images failed (listed in the summary)
EXIT_LOCAL = 2  # bad command line, or a file that cannot be read
EXIT_INTERRUPTED = 130


def global_options() -> argparse.ArgumentParser:
    """The connection options, accepted before or after the command (`facet --json faces ...`).

    Unset options stay absent (SUPPRESS), so a value given at either place survives; `defaults`
    fills in the rest after parsing.
    """
    parser = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    group = parser.add_argument_group("connection and output")
    group.add_argument("--endpoint", help=f"gateway address, any gRPC target (env FACET_ENDPOINT; {DEFAULT_ENDPOINT})")
    group.add_argument("--api-key", help="API key token, sent as 'authorization: Bearer ...' (env FACET_API_KEY)")
    group.add_argument("--tls", action="store_true", help="use TLS (system roots unless --ca-file)")
    group.add_argument("--ca-file", help="PEM roots to verify the gateway with; implies --tls (env FACET_CA_FILE)")
    group.add_argument("--timeout", type=float, help="deadline per call in seconds (default 30)")
    group.add_argument("--json", action="store_true", help="print the full response as JSON")
    return parser


def defaults() -> dict[str, object]:
    env = os.environ.get
    return {
        "endpoint": env("FACET_ENDPOINT", DEFAULT_ENDPOINT),
        "api_key": env("FACET_API_KEY"),
        "tls": False,
        "ca_file": env("FACET_CA_FILE"),
        "timeout": 30.0,
        "json": False,
    }


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="facet", description="Call the Facet image-analysis API.",
                                     parents=[global_options()])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = global_options()
    image_commands.add_parsers(commands, common)
    collection_commands.add_parsers(commands, common)
    return parser


def fail(message: str, status: int, as_json: bool, error: dict[str, object] | None = None) -> int:
    sys.stderr.write(f"facet: {message}\n")
    if as_json and error is not None:
        sys.stdout.write(json.dumps({"error": error}) + "\n")
    return status


def run(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    for name, value in defaults().items():
        if not hasattr(args, name):
            setattr(args, name, value)
    try:
        with connect(args.endpoint, api_key=args.api_key, tls=args.tls, ca_file=args.ca_file) as channel:
            result, lines = args.handler(args, channel)
    except grpc.RpcError as err:
        error = describe_error(err)
        return fail(error.one_line(), EXIT_CODES.get(error.code, EXIT_OTHER_RPC_ERROR), args.json,
                    {"code": error.code, "reason": error.reason, "message": error.message, "metadata": error.metadata})
    except OSError as err:  # an image, folder or CA file that cannot be read
        filename = getattr(err, "filename", None)
        problem = f"{err.strerror}: {filename}" if err.strerror and filename else str(err)
        return fail(problem, EXIT_LOCAL, args.json, {"code": "LOCAL", "reason": type(err).__name__, "message": problem})
    except KeyboardInterrupt:
        return fail("interrupted", EXIT_INTERRUPTED, False)
    emit(result, args.json, lines)
    return int(getattr(args, "exit_code", 0))


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
