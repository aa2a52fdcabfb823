"""A build killed at any moment leaves a warehouse that opens with either its old or its complete new contents; so
does a publish from the data desk, whose log then never lists an upload the warehouse does not hold."""
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from etl.__main__ import main
from etl.uploads import build_project
from etl.warehouse import build
from tests.conftest import FIXTURE_RECORDS, PROJECT
from tests.support import desk_project, fingerprint

pytestmark = pytest.mark.load

# A build is killed at these shares of the time a whole one takes here (from starting `python -m etl` to publishing):
# from loading the records to its last steps, so kills land in its early, middle and late phases.
KILL_AT_SHARES = (0.1, 0.3, 0.5, 0.7, 0.9)


def bulk_events(n: int, prefix: str) -> pd.DataFrame:
    """n copies of the fixture's rally, each an event of its own."""
    base = pd.read_csv(FIXTURE_RECORDS / "events.csv", dtype=str, keep_default_na=False).iloc[[3]]
    events = base.loc[base.index.repeat(n)].reset_index(drop=True)
    events["event_id"] = [f"{prefix}-{i}" for i in range(len(events))]
    return events


@pytest.fixture(scope="module")
def large_records(tmp_path_factory):
    """The fixture records with 50,000 group events more, so a build takes several seconds (8 s here; the fixture's
    own events stay: its translations name them)."""
    folder = tmp_path_factory.mktemp("large") / "records"
    shutil.copytree(FIXTURE_RECORDS, folder)
    bulk_events(50_000, "grp-bulk").to_csv(folder / "events.csv", mode="a", header=False, index=False,
                                            columns=pd.read_csv(folder / "events.csv", nrows=0).columns)
    return folder


@pytest.fixture(scope="module")
def large_build(large_records, tmp_path_factory) -> tuple[str, float]:
    """The large records' warehouse fingerprint, and the seconds `python -m etl build` takes to publish it here."""
    reference = tmp_path_factory.mktemp("reference")
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "etl", "build", "--records", str(large_records), "--warehouse", str(reference)],
                   cwd=PROJECT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return fingerprint(reference), time.monotonic() - started


def killed(args: list[str], kill_after: float, scratch: Path, begun=lambda: True) -> None:
    """`python -m etl <args>` killed with SIGKILL `kill_after` seconds after `begun()` first holds; its temporary
    files (a desk check's scratch build) go to `scratch`, which no kill can clean."""
    process = subprocess.Popen([sys.executable, "-m", "etl", *args], cwd=PROJECT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env={**os.environ, "TMPDIR": str(scratch)})
    deadline = time.monotonic() + 300
    while not begun():
        assert process.poll() is None and time.monotonic() < deadline, "it never began"
        time.sleep(0.05)
    time.sleep(kill_after)
    process.send_signal(signal.SIGKILL)
    process.wait()


@pytest.mark.parametrize("share", KILL_AT_SHARES)
def test_sigkill_during_build_keeps_a_whole_warehouse(tmp_path, large_records, large_build, share):
    large_fingerprint, build_seconds = large_build
    warehouse = tmp_path / "warehouse"
    build([FIXTURE_RECORDS], warehouse)
    old = fingerprint(warehouse)
    killed(["build", "--records", str(large_records), "--warehouse", str(warehouse)], share * build_seconds, tmp_path)
    after = fingerprint(warehouse)
    assert after in (old, large_fingerprint)
    assert os.path.isdir(warehouse / "parquet")
    # the next build cleans up what the killed one left and publishes normally
    build([large_records], warehouse)
    assert fingerprint(warehouse) == large_fingerprint
    assert not list(warehouse.glob(".build-*"))


# A publish from the data desk (`etl import`, the desk's own publish path): killed at these many seconds after it
# has kept the upload and begun to build with it.
KILL_AFTER_KEEPING = (0.0, 1.0, 2.5, 4.0, 8.0)
UPLOAD_SOURCE = ["--source-title", "A long list", "--source-publisher", "A human-rights group"]


@pytest.fixture(scope="module")
def large_upload(tmp_path_factory) -> Path:
    """30,000 group events in one CSV (3 MB, within the desk's upload limit), citing the upload's own source."""
    path = tmp_path_factory.mktemp("large-upload") / "events.csv"
    bulk_events(30_000, "grp-upload").assign(source_id="").to_csv(path, index=False)
    assert path.stat().st_size < 20 * 2**20
    return path


@pytest.fixture(scope="module")
def upload_fingerprint(large_upload, tmp_path_factory) -> str:
    project, warehouse = desk_project(tmp_path_factory.mktemp("reference-desk"), FIXTURE_RECORDS)
    assert main(["import", str(large_upload), *UPLOAD_SOURCE, "--data", str(project.data),
                 "--warehouse", str(warehouse)]) == 0
    return fingerprint(warehouse)


@pytest.mark.parametrize("kill_after", KILL_AFTER_KEEPING)
def test_sigkill_during_a_desk_publish_keeps_the_previous_build_published(tmp_path, large_upload, upload_fingerprint,
                                                                          kill_after):
    project, warehouse = desk_project(tmp_path, FIXTURE_RECORDS)
    old = fingerprint(warehouse)
    options = [*UPLOAD_SOURCE, "--data", str(project.data), "--warehouse", str(warehouse)]
    # from when the publish has kept the upload and its build begins
    killed(["import", str(large_upload), *options], kill_after, tmp_path,
           begun=lambda: bool(list(project.uploads.glob("0*"))))
    after = fingerprint(warehouse)
    assert after in (old, upload_fingerprint)
    assert os.path.isdir(warehouse / "parquet")
    if project.in_force():  # the log names an upload only once the warehouse holds it
        assert after == upload_fingerprint
    else:  # the next publish cleans up (the upload kept but never published too) and publishes normally
        assert main(["import", str(large_upload), *options]) == 0
        assert fingerprint(warehouse) == upload_fingerprint
        assert not list(warehouse.glob(".build-*"))
        assert sorted(p.name for p in project.uploads.iterdir() if not p.name.startswith(".")) == \
            sorted([*project.in_force(), "publishes.csv"])
    assert build_project(project, tmp_path / "rebuilt").fingerprint == fingerprint(warehouse)
