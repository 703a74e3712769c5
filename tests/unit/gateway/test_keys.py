"""The keys file and its command: what is stored, what is printed, how keys verify and change."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from gateway import keys
from gateway.keystore import KeyStore


def run_cli(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> dict:
    assert keys.main(["--file", str(path), *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_add_prints_the_secret_once_and_stores_only_a_salted_hash(tmp_path: Path, capsys) -> None:
    path = tmp_path / "keys.json"
    issued = run_cli(
        capsys,
        path,
        "add",
        "alice",
        "--allow",
        "facet.v1.FaceService/*",
        "--allow",
        "facet.v1.CollectionService/Search*",
        "--collections",
        "staff,visitors",
        "--rate",
        "20/s",
    )
    assert set(issued) == {"name", "key_id", "secret", "token"}
    assert issued["token"] == f"{issued['key_id']}.{issued['secret']}" and len(issued["key_id"]) == 20
    text = path.read_text()
    assert issued["secret"] not in text  # not a SigV4 key: the secret is not kept
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    (entry,) = json.loads(text)["keys"]
    assert entry["allow"] == ["facet.v1.FaceService/*", "facet.v1.CollectionService/Search*"]
    assert (entry["collections"], entry["rate"], entry["read_only"]) == (["staff", "visitors"], 20.0, False)
    assert keys.verify_secret(issued["secret"], entry["hash"])
    assert not keys.verify_secret(issued["secret"] + "x", entry["hash"])
    # Same secret, another key: another salt, so another hash.
    assert keys.hash_secret(issued["secret"]) != entry["hash"]


def test_sigv4_keys_keep_their_secret_and_list_never_shows_it(tmp_path: Path, capsys) -> None:
    path = tmp_path / "keys.json"
    issued = run_cli(capsys, path, "add", "aws-client", "--sigv4", "--read-only")
    assert json.loads(path.read_text())["keys"][0]["secret"] == issued["secret"]
    (shown,) = run_cli(capsys, path, "list")
    assert shown["sigv4"] is True and shown["read_only"] is True
    assert "secret" not in shown and "hash" not in shown


async def test_rotate_and_revoke_change_what_verifies(tmp_path: Path, capsys) -> None:
    path = tmp_path / "keys.json"
    first = run_cli(capsys, path, "add", "bob", "--rate", "120/m")
    store = KeyStore(path, recheck_s=0)
    key, why = await store.verify(first["token"])
    assert key is not None and key.name == "bob" and why == "" and key.rate == 2.0

    second = run_cli(capsys, path, "rotate", "bob")
    assert second["key_id"] != first["key_id"]
    assert (await store.verify(first["token"]))[0] is None
    assert (await store.verify(second["token"]))[0].rate == 2.0  # scopes survive a rotation

    run_cli(capsys, path, "revoke", "bob")
    revoked, why = await store.verify(second["token"])
    assert why == "API key revoked" and revoked is not None and not revoked.active
    (listed,) = run_cli(capsys, path, "list")
    assert listed["revoked"] and listed["name"] == "bob"


async def test_a_wrong_secret_for_a_known_key_id_is_refused_even_after_a_good_one(tmp_path: Path, capsys) -> None:
    path = tmp_path / "keys.json"
    issued = run_cli(capsys, path, "add", "carol")
    store = KeyStore(path)
    assert (await store.verify(issued["token"]))[0] is not None  # now cached
    assert (await store.verify(issued["key_id"] + ".not-the-secret"))[0] is None
    assert (await store.verify("no-dot-here"))[0] is None


def test_cli_refusals(tmp_path: Path, capsys) -> None:
    path = tmp_path / "keys.json"
    run_cli(capsys, path, "add", "dave")
    assert keys.main(["--file", str(path), "add", "dave"]) == 1  # an active key has that name
    assert keys.main(["--file", str(path), "add", "erin", "--rate", "fast"]) == 1
    assert keys.main(["--file", str(path), "revoke", "nobody"]) == 1
    assert "no active key named 'nobody'" in capsys.readouterr().err
    assert keys.main(["--file", "", "list"]) == 2
    assert keys.main(["--file", str(path), "add", "gina", "--allow", "facet.v1.FaceServce/*", "--json"]) == 0
    assert "'facet.v1.FaceServce/*' matches no method" in capsys.readouterr().err  # a typo is pointed out


@pytest.mark.parametrize(
    ("text", "per_second"), [("20/s", 20.0), ("600/m", 10.0), ("3600/h", 1.0), ("5", 5.0), ("0", 0.0)]
)
def test_parse_rate(text: str, per_second: float) -> None:
    assert keys.parse_rate(text) == per_second


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        '{"keys": []}',
        '{"version": 1, "keys": [{"name": "x"}]}',
        '{"version": 1, "keys": [{"name": "x", "key_id": "K", "hash": "h", "colections": ["typo"]}]}',
        '{"version": 1, "keys": [{"name": "x", "key_id": "K", "hash": "h", "allow": "not-a-list"}]}',
        '{"version": 1, "keys": [{"name": "x", "key_id": "K", "hash": "h", "rate": -1}]}',
    ],
)
def test_a_malformed_keys_file_is_refused_at_start(tmp_path: Path, content: str) -> None:
    path = tmp_path / "keys.json"
    path.write_text(content)
    with pytest.raises(keys.KeysFileError):
        KeyStore(path)


async def test_a_broken_edit_keeps_the_previous_keys(tmp_path: Path, capsys) -> None:
    path = tmp_path / "keys.json"
    issued = run_cli(capsys, path, "add", "frank")
    store = KeyStore(path, recheck_s=0)
    path.write_text("{ half written")
    assert (await store.verify(issued["token"]))[0] is not None


async def test_a_key_added_after_start_works_on_its_first_call(tmp_path: Path, capsys) -> None:
    path = tmp_path / "keys.json"
    run_cli(capsys, path, "add", "first")
    store = KeyStore(path, recheck_s=3600)  # no periodic re-check within this test
    issued = run_cli(capsys, path, "add", "second")
    key, why = await store.verify(issued["token"])
    assert key is not None and key.name == "second" and why == ""
