"""API keys: the keys file, secret hashing, and the ``python -m gateway.keys`` command.

A key is ``<key_id>.<secret>``: the key id finds the entry, the secret proves it. The file
(``FACET_API_KEYS_FILE``, JSON, see docs/security.md) stores only a salted scrypt hash of the
secret, except for keys added with ``--sigv4``: AWS Signature V4 needs the secret itself on the
verifying side, so those keep it (protect the file like a password database either way).

    python -m gateway.keys add alice --allow 'facet.v1.FaceService/*' --collections staff --rate 20/s
    python -m gateway.keys list
    python -m gateway.keys rotate alice
    python -m gateway.keys revoke alice

The secret is printed once, by ``add`` and ``rotate``; nothing logs it.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import fnmatch
import hashlib
import hmac
import importlib
import json
import math
import os
import secrets
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

FORMAT_VERSION = 1
# scrypt cost: 16 MiB and tens of milliseconds per check; the gateway caches a verified key, so
# the cost is paid once per key and process, and by every guess of an attacker.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
_KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_RATE_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0}


class KeysFileError(ValueError):
    """The keys file or a command's arguments are not valid."""


@dataclass(frozen=True)
class ApiKey:
    name: str
    key_id: str  # public half; also the AWS access key id for SigV4
    hash: str  # "scrypt$N$r$p$<salt b64>$<hash b64>" of the secret
    allow: tuple[str, ...] = ("*",)  # fnmatch patterns over "package.Service/Method"
    collections: tuple[str, ...] = ("*",)  # fnmatch patterns over collection ids
    read_only: bool = False
    rate: float = 0.0  # requests per second; 0: no limit
    burst: int = 0  # token-bucket size; 0: one second's worth of `rate`
    subjects: tuple[str, ...] = ()  # mTLS certificate subjects that act as this key
    secret: str = ""  # kept only for SigV4 keys
    created: str = ""
    revoked: str = ""  # ISO time of revocation; "" while active

    @property
    def active(self) -> bool:
        return not self.revoked

    @property
    def bucket_size(self) -> int:
        return self.burst or max(1, math.ceil(self.rate))

    def public(self) -> dict[str, Any]:
        """What ``list`` shows: everything but the hash and the secret."""
        shown = {k: v for k, v in asdict(self).items() if k not in ("hash", "secret")}
        shown["sigv4"] = bool(self.secret)
        return shown


@dataclass
class KeysFile:
    keys: list[ApiKey] = field(default_factory=list)

    def find(self, name: str) -> ApiKey:
        for key in self.keys:
            if key.name == name and key.active:
                return key
        raise KeysFileError(f"no active key named {name!r}")

    def replace_key(self, old: ApiKey, new: ApiKey) -> None:
        self.keys[self.keys.index(old)] = new


def hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32)
    return "$".join(["scrypt", str(_SCRYPT_N), str(_SCRYPT_R), str(_SCRYPT_P), _b64(salt), _b64(digest)])


def verify_secret(secret: str, encoded: str) -> bool:
    """Constant-time check of ``secret`` against a ``hash_secret`` value (slow by design)."""
    try:
        scheme, n, r, p, salt, expected = encoded.split("$")
        if scheme != "scrypt":
            return False
        want = base64.b64decode(expected)
        got = hashlib.scrypt(
            secret.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=len(want)
        )
    except ValueError:
        return False
    return hmac.compare_digest(got, want)


def split_token(token: str) -> tuple[str, str]:
    """(key id, secret) of a ``<key_id>.<secret>`` token; ("", "") when it has no such shape."""
    key_id, dot, secret = token.strip().partition(".")
    return (key_id, secret) if dot and key_id and secret else ("", "")


def parse_rate(text: str) -> float:
    """``20/s``, ``600/m``, ``1000/h`` or a bare number (per second) -> requests per second."""
    number, _, unit = text.strip().partition("/")
    try:
        value = float(number)
    except ValueError:
        raise KeysFileError(f"rate {text!r}: expected a number with /s, /m or /h, e.g. 20/s") from None
    if (unit and unit not in _RATE_UNITS) or not math.isfinite(value) or value < 0:
        raise KeysFileError(f"rate {text!r}: expected a non-negative number with /s, /m or /h, e.g. 20/s")
    return value / _RATE_UNITS[unit or "s"]


def parse(text: str) -> KeysFile:
    try:
        data = json.loads(text) if text.strip() else {"version": FORMAT_VERSION, "keys": []}
    except json.JSONDecodeError as exc:
        raise KeysFileError(f"not JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("keys"), list):
        raise KeysFileError(f'expected {{"version": {FORMAT_VERSION}, "keys": [...]}}')
    keys = []
    known = set(ApiKey.__dataclass_fields__)
    for i, entry in enumerate(data["keys"]):
        if not isinstance(entry, dict) or not {"name", "key_id", "hash"} <= set(entry):
            raise KeysFileError(f"keys[{i}]: an object with at least name, key_id and hash")
        unknown = set(entry) - known - {"sigv4"}
        if unknown:
            raise KeysFileError(f"keys[{i}] ({entry['name']}): unknown fields {sorted(unknown)}")
        values = {k: v for k, v in entry.items() if k in known}
        for listed in ("allow", "collections", "subjects"):
            if listed in values:
                if not isinstance(values[listed], list) or not all(isinstance(v, str) for v in values[listed]):
                    raise KeysFileError(f"keys[{i}] ({entry['name']}): {listed} must be a list of strings")
                values[listed] = tuple(values[listed])
        try:
            key = ApiKey(**values)
            if key.rate < 0 or key.burst < 0:
                raise ValueError("rate and burst must not be negative")
        except (TypeError, ValueError) as exc:
            raise KeysFileError(f"keys[{i}] ({entry['name']}): {exc}") from None
        keys.append(key)
    ids = [k.key_id for k in keys]
    if len(ids) != len(set(ids)):
        raise KeysFileError("two entries share a key_id")
    return KeysFile(keys)


def load(path: str | Path) -> KeysFile:
    file = Path(path)
    return parse(file.read_text(encoding="utf-8")) if file.exists() else KeysFile()


def save(keys: KeysFile, path: str | Path) -> None:
    """Write atomically (readers never see half a file), owner-only permissions."""
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    entries = []
    for key in keys.keys:
        entry = asdict(key)
        for listed in ("allow", "collections", "subjects"):
            entry[listed] = list(entry[listed])
        if not key.secret:
            del entry["secret"]
        entries.append(entry)
    text = json.dumps({"version": FORMAT_VERSION, "keys": entries}, indent=2) + "\n"
    fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def new_key_id() -> str:
    # 20 characters like an AWS access key id, so AWS SDKs accept it unchanged.
    return "FK" + "".join(secrets.choice(_KEY_ID_ALPHABET) for _ in range(18))


def new_secret() -> str:
    return secrets.token_urlsafe(30)  # 40 characters, 240 bits


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _issued(key: ApiKey, secret: str) -> dict[str, str]:
    return {"name": key.name, "key_id": key.key_id, "secret": secret, "token": f"{key.key_id}.{secret}"}


def add(keys: KeysFile, args: argparse.Namespace) -> dict[str, str]:
    if not args.name or any(c.isspace() for c in args.name):
        raise KeysFileError("a key name must be non-empty and contain no spaces")
    if any(k.name == args.name and k.active for k in keys.keys):
        raise KeysFileError(f"an active key named {args.name!r} exists: rotate or revoke it")
    secret = new_secret()
    key = ApiKey(
        name=args.name,
        key_id=new_key_id(),
        hash=hash_secret(secret),
        allow=tuple(args.allow or ["*"]),
        collections=tuple(c for c in (args.collections or "*").split(",") if c),
        read_only=args.read_only,
        rate=parse_rate(args.rate) if args.rate else 0.0,
        burst=args.burst,
        subjects=tuple(args.subject or ()),
        secret=secret if args.sigv4 else "",
        created=_now(),
    )
    keys.keys.append(key)
    return _issued(key, secret)


def rotate(keys: KeysFile, name: str) -> dict[str, str]:
    """A new key id and secret for the same scopes; the old token stops working at once."""
    old = keys.find(name)
    secret = new_secret()
    new = replace(
        old, key_id=new_key_id(), hash=hash_secret(secret), secret=secret if old.secret else "", created=_now()
    )
    keys.replace_key(old, new)
    return _issued(new, secret)


def revoke(keys: KeysFile, name: str) -> None:
    """Kept in the file, marked revoked, so the audit trail can still resolve its key id."""
    old = keys.find(name)
    keys.replace_key(old, replace(old, revoked=_now(), secret=""))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m gateway.keys", description="Manage Facet gateway API keys.")
    parser.add_argument(
        "--file",
        default=os.environ.get("FACET_API_KEYS_FILE", ""),
        help="keys file (default: $FACET_API_KEYS_FILE)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    add_cmd = sub.add_parser("add", help="create a key and print its secret once")
    add_cmd.add_argument("name")
    add_cmd.add_argument("--allow", action="append", help="method pattern, e.g. 'facet.v1.FaceService/*' (repeat)")
    add_cmd.add_argument("--collections", help="comma-separated collection id patterns (default: all)")
    add_cmd.add_argument("--read-only", action="store_true", help="refuse collection writes")
    add_cmd.add_argument("--rate", help="requests per second, minute or hour, e.g. 20/s (default: no limit)")
    add_cmd.add_argument("--burst", type=int, default=0, help="token-bucket size (default: one second's worth)")
    add_cmd.add_argument("--subject", action="append", help="mTLS certificate subject acting as this key (repeat)")
    add_cmd.add_argument("--sigv4", action="store_true", help="keep the secret in the file for AWS SigV4")
    for name, help_text in (
        ("list", "show keys (never secrets)"),
        ("revoke", "revoke a key"),
        ("rotate", "new secret for a key"),
    ):
        cmd = sub.add_parser(name, help=help_text)
        if name != "list":
            cmd.add_argument("name")
    for cmd in sub.choices.values():
        cmd.add_argument("--json", action="store_true", help="machine-readable output")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.file:
        print("no keys file: pass --file or set FACET_API_KEYS_FILE", file=sys.stderr)
        return 2
    try:
        keys = load(args.file)
        if args.command == "list":
            shown = [k.public() for k in keys.keys]
            if args.json:
                print(json.dumps(shown, indent=2))
            for k in [] if args.json else shown:
                state = f"revoked {k['revoked']}" if k["revoked"] else "active"
                rate = f"{k['rate']:g}/s" if k["rate"] else "unlimited"
                print(
                    f"{k['name']}\t{k['key_id']}\t{state}\tallow={','.join(k['allow'])}"
                    f"\tcollections={','.join(k['collections'])}\t{'read-only' if k['read_only'] else 'read-write'}"
                    f"\trate={rate}\tsigv4={'yes' if k['sigv4'] else 'no'}"
                )
            return 0
        if args.command == "revoke":
            revoke(keys, args.name)
            save(keys, args.file)
            print(json.dumps({"name": args.name, "revoked": True}) if args.json else f"revoked {args.name}")
            return 0
        issued = add(keys, args) if args.command == "add" else rotate(keys, args.name)
        save(keys, args.file)
    except (KeysFileError, OSError) as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 1
    if args.command == "add":
        for pattern in _matching_nothing(args.allow or ()):
            print(f"warning: --allow {pattern!r} matches no method this gateway routes today", file=sys.stderr)
    if args.json:
        print(json.dumps(issued))
        return 0
    print(f"key {issued['name']} (shown once; store it now)")
    print(f"  token (authorization: Bearer / x-api-key): {issued['token']}")
    if keys.find(issued["name"]).secret:
        print(f"  AWS access key id: {issued['key_id']}")
        print(f"  AWS secret access key: {issued['secret']}")
    else:
        print("  SigV4 (AWS SDKs): not enabled for this key; add a key with --sigv4 for that")
    return 0


def _matching_nothing(patterns: Sequence[str]) -> list[str]:
    """The method patterns that match none of the routed services' methods (likely typos)."""
    from gateway.routes import DEFAULT_ROUTES  # local: the command needs descriptors only here

    methods = []
    for route in DEFAULT_ROUTES:
        module = importlib.import_module(route.descriptor_module)
        for service in module.DESCRIPTOR.services_by_name.values():
            methods += [f"{service.full_name}/{m.name}" for m in service.methods]
    return [p for p in patterns if not any(fnmatch.fnmatchcase(m, p) for m in methods)]


if __name__ == "__main__":
    raise SystemExit(main())
