"""The ETL's commands run where POSIX-only modules are missing (as on Windows): check, template and build, twice
over, with and without the right to make symbolic links."""
import subprocess
import sys

import duckdb
import openpyxl
import pytest

from etl.schema import SOURCE_TABLE_ORDER
from tests.conftest import FIXTURE_RECORDS, PROJECT

pytestmark = pytest.mark.load

NO_POSIX = ("import os, runpy, sys\n"
            "sys.modules.update(dict.fromkeys(('fcntl', 'termios', 'pwd', 'grp', 'resource'), None))\n")
NO_LINKS = ("def no_links(*args, **kwargs):\n"
            "    raise OSError(1314, 'A required privilege is not held by the client')\n"
            "os.symlink = no_links\n")
RUN_ETL = "sys.argv[0] = 'etl'\nrunpy.run_module('etl', run_name='__main__', alter_sys=True)\n"


def etl(*args, links=True) -> subprocess.CompletedProcess:
    wrapper = NO_POSIX + ("" if links else NO_LINKS) + RUN_ETL
    return subprocess.run([sys.executable, "-c", wrapper, *map(str, args)], cwd=PROJECT, capture_output=True,
                          text=True, timeout=300)


def test_the_posix_only_modules_are_really_missing():
    result = subprocess.run([sys.executable, "-c", NO_POSIX + "import fcntl"], capture_output=True, text=True)
    assert result.returncode != 0 and "ModuleNotFoundError" in result.stderr


def test_check_and_template_run_without_posix_modules(tmp_path):
    checked = etl("check", "--records", FIXTURE_RECORDS)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip() == "All records are valid."

    out = tmp_path / "cases.xlsx"
    written = etl("template", out)
    assert written.returncode == 0, written.stderr
    assert written.stdout.strip() == f"Wrote {out}"
    assert openpyxl.load_workbook(out).sheetnames == ["columns", *SOURCE_TABLE_ORDER]


@pytest.mark.parametrize("links", [True, False], ids=["with-links", "without-links"])
def test_build_runs_without_posix_modules_and_publishes_each_time(tmp_path, links):
    warehouse = tmp_path / "warehouse"
    build_ids = []
    for _ in range(2):  # the second build replaces a published warehouse
        result = etl("build", "--records", FIXTURE_RECORDS, "--warehouse", warehouse, links=links)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"Published {warehouse / 'repression.duckdb'} (build ")
        build_ids.append(result.stdout.split("(build ", 1)[1].split(")", 1)[0])
        con = duckdb.connect(str(warehouse / "repression.duckdb"), read_only=True)
        try:
            assert con.execute("SELECT build_id FROM build_info").fetchone()[0] == build_ids[-1]
            persons = con.execute("SELECT count(*) FROM persons").fetchone()[0]
        finally:
            con.close()
        parquet = warehouse / "parquet"
        assert parquet.is_symlink() == links and parquet.is_dir()
        assert sorted(p.name for p in parquet.iterdir()) == sorted(f"{t}.parquet" for t in SOURCE_TABLE_ORDER)
        published = duckdb.execute("SELECT count(*) FROM read_parquet(?)", [str(parquet / "persons.parquet")]).fetchone()[0]
        assert published == persons
    assert build_ids[0] != build_ids[1]
    names = sorted(p.name for p in warehouse.iterdir())
    assert not [n for n in names if n.startswith(".parquet-link-") or n.startswith(".build-")]  # nothing left over
    expected = [f"parquet-{build_ids[1]}"] if links else []
    assert [n for n in names if n.startswith("parquet-")] == expected
    history = [p.name for p in (warehouse / "history").iterdir()] if (warehouse / "history").exists() else []
    assert history == ([build_ids[0]] if links else [])
