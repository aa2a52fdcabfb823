"""A build killed at any moment leaves a warehouse that opens with either its old or its complete new contents."""
import os
import shutil
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from etl.warehouse import build
from tests.conftest import FIXTURE_RECORDS, PROJECT
from tests.support import fingerprint

pytestmark = pytest.mark.load

KILL_AFTER_SECONDS = (0.3, 0.8, 1.5, 2.5, 4.0)


@pytest.fixture(scope="module")
def large_records(tmp_path_factory):
    """The fixture records with 300,000 group events, so a build takes a few seconds."""
    folder = tmp_path_factory.mktemp("large") / "records"
    shutil.copytree(FIXTURE_RECORDS, folder)
    base = pd.read_csv(folder / "events.csv", dtype=str, keep_default_na=False).iloc[[3]]
    events = base.loc[base.index.repeat(300_000)].reset_index(drop=True)
    events["event_id"] = [f"grp-bulk-{i}" for i in range(len(events))]
    events.to_csv(folder / "events.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def large_fingerprint(large_records, tmp_path_factory) -> str:
    reference = tmp_path_factory.mktemp("reference")
    build([large_records], reference)
    return fingerprint(reference)


@pytest.mark.parametrize("kill_after", KILL_AFTER_SECONDS)
def test_sigkill_during_build_keeps_a_whole_warehouse(tmp_path, large_records, large_fingerprint, kill_after):
    warehouse = tmp_path / "warehouse"
    build([FIXTURE_RECORDS], warehouse)
    old = fingerprint(warehouse)
    process = subprocess.Popen([sys.executable, "-m", "etl", "build", "--records", str(large_records),
                                "--warehouse", str(warehouse)], cwd=PROJECT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(kill_after)
    process.send_signal(signal.SIGKILL)
    process.wait()
    after = fingerprint(warehouse)
    assert after in (old, large_fingerprint)
    assert os.path.isdir(warehouse / "parquet")
    # the next build cleans up what the killed one left and publishes normally
    build([large_records], warehouse)
    assert fingerprint(warehouse) == large_fingerprint
    assert not list(warehouse.glob(".build-*"))
