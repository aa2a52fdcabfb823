"""The key behind the pseudonyms: made once per installation, owner-only and outside git, the same for every
process (also for processes that start at once), or given to every replica through the environment."""
import base64
import json
import os
import re
import stat
import subprocess
import sys
import threading
import time

import pytest

from dashboard import privacy
from dashboard.privacy import PseudonymKeyError, Pseudonyms
from tests.conftest import PROJECT

# Each test says its kind: the two that start Python processes are load tests; the rest are unit.

IDS = ["aron-atabek", "max-bokayev", "sairagul-sauytbay", "alpha-one"]
PRINT_PSEUDONYMS = ("import json, sys, time\n"
                    "from dashboard.privacy import Pseudonyms\n"
                    "start = float(sys.argv[1])\n"
                    "time.sleep(max(0.0, start - time.time()))  # every process asks for the key at once\n"
                    f"names = Pseudonyms({IDS!r})\n"
                    f"print(json.dumps([names.of(pid) for pid in {IDS!r}]))\n")


@pytest.fixture()
def secrets_dir(tmp_path, monkeypatch):
    """No key in the environment, and a folder of its own for the key file."""
    folder = tmp_path / "secrets"
    monkeypatch.delenv(privacy.KEY_ENV, raising=False)
    monkeypatch.setenv(privacy.SECRETS_DIR_ENV, str(folder))
    privacy.reset_key()
    yield folder
    privacy.reset_key()


def pseudonyms_now() -> list[str]:
    names = Pseudonyms(IDS)
    return [names.of(pid) for pid in IDS]


def run_processes(count: int, env: dict[str, str]) -> list[list[str]]:
    start = time.time() + 4 if count > 1 else 0  # after every process has imported pandas
    processes = [subprocess.Popen([sys.executable, "-c", PRINT_PSEUDONYMS, str(start)], cwd=PROJECT,
                                  env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(count)]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        results.append(json.loads(out))
    return results


@pytest.mark.unit
def test_the_first_use_makes_an_owner_only_key_file(secrets_dir):
    first = pseudonyms_now()
    key_file = secrets_dir / "pseudonym.key"
    assert [p.name for p in secrets_dir.iterdir()] == ["pseudonym.key"]  # no temporary file left
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(secrets_dir.stat().st_mode) == 0o700
    text = key_file.read_text(encoding="ascii")
    assert len(bytes.fromhex(text.strip())) == 32 and text.endswith("\n")
    privacy.reset_key()
    assert pseudonyms_now() == first  # read again, not made again
    assert key_file.read_text(encoding="ascii") == text


@pytest.mark.unit
def test_the_default_key_file_is_in_the_project_and_ignored_by_git(monkeypatch):
    monkeypatch.delenv(privacy.SECRETS_DIR_ENV, raising=False)
    assert privacy.key_path() == PROJECT / "data" / "secrets" / "pseudonym.key"
    ignored = subprocess.run(["git", "check-ignore", "-q", "data/secrets/pseudonym.key"], cwd=PROJECT)
    assert ignored.returncode == 0
    tracked = subprocess.run(["git", "check-ignore", "-q", "data/records/persons.csv"], cwd=PROJECT)
    assert tracked.returncode == 1  # the check can tell


@pytest.mark.load
def test_processes_starting_at_once_make_one_key_and_agree_with_this_one(secrets_dir):
    results = run_processes(3, {privacy.SECRETS_DIR_ENV: str(secrets_dir)})
    assert results[0] == results[1] == results[2]
    assert [p.name for p in secrets_dir.iterdir()] == ["pseudonym.key"]
    assert pseudonyms_now() == results[0]
    assert run_processes(1, {privacy.SECRETS_DIR_ENV: str(secrets_dir)}) == [results[0]]  # and a later one


@pytest.mark.unit
def test_threads_making_the_key_at_once_all_read_the_one_kept(secrets_dir):
    path = secrets_dir / "pseudonym.key"
    barrier = threading.Barrier(8)
    keys = []

    def first_use():
        barrier.wait()
        if not path.exists():
            privacy._create_key(path)
        keys.append(path.read_text(encoding="ascii"))

    threads = [threading.Thread(target=first_use) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == 8 and len(set(keys)) == 1
    assert [p.name for p in secrets_dir.iterdir()] == ["pseudonym.key"]


@pytest.mark.unit
def test_a_process_that_loses_the_race_uses_the_winners_key(secrets_dir, monkeypatch):
    winner = "c4" * 32
    link = os.link

    def another_process_links_first(source, target):
        with open(target, "x", encoding="ascii") as handle:
            handle.write(winner + "\n")
        link(source, target)

    monkeypatch.setattr(os, "link", another_process_links_first)
    ours = pseudonyms_now()
    assert (secrets_dir / "pseudonym.key").read_text(encoding="ascii") == winner + "\n"
    assert [p.name for p in secrets_dir.iterdir()] == ["pseudonym.key"]
    monkeypatch.setenv(privacy.KEY_ENV, winner)
    privacy.reset_key()
    assert pseudonyms_now() == ours


@pytest.mark.load
def test_replicas_given_the_key_agree_with_the_installation_that_made_it(secrets_dir, tmp_path):
    made = pseudonyms_now()
    key = bytes.fromhex((secrets_dir / "pseudonym.key").read_text(encoding="ascii"))
    elsewhere = str(tmp_path / "no-key-here")
    for given in (key.hex(), key.hex().upper(), base64.b64encode(key).decode(), base64.urlsafe_b64encode(key).decode()):
        [result] = run_processes(1, {privacy.KEY_ENV: given, privacy.SECRETS_DIR_ENV: elsewhere})
        assert result == made
    assert not os.path.exists(elsewhere)  # a key in the environment makes no file


@pytest.mark.unit
@pytest.mark.parametrize("given", ["ab" * 31, "not a key at all", "c2VjcmV0", "zz" * 31 + "!!"])
def test_an_unusable_key_is_refused_without_being_shown(secrets_dir, monkeypatch, given):
    monkeypatch.setenv(privacy.KEY_ENV, given)
    privacy.reset_key()
    refused = "DASHBOARD_PSEUDONYM_KEY must hold a key of at least 32 bytes"
    with pytest.raises(PseudonymKeyError, match=refused) as error:
        privacy.Pseudonyms(["aron-atabek"])
    assert given not in str(error.value)
    assert not secrets_dir.exists()


@pytest.mark.unit
def test_a_damaged_key_file_is_refused_not_replaced(secrets_dir):
    secrets_dir.mkdir()
    key_file = secrets_dir / "pseudonym.key"
    key_file.write_text("0123abcd\n", encoding="ascii")
    with pytest.raises(PseudonymKeyError, match=re.escape(str(key_file))) as error:
        pseudonyms_now()
    assert "0123abcd" not in str(error.value)
    assert key_file.read_text(encoding="ascii") == "0123abcd\n"
