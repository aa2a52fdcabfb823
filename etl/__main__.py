"""Command line: python -m etl build | check | template."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from dashboard.i18n import ENGLISH, LANGUAGES
from etl.problems import RecordsError, format_report
from etl.template import write_template
from etl.warehouse import DEFAULT_RECORDS, DEFAULT_WAREHOUSE, build, load_and_validate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    build_cmd = commands.add_parser("build", help="validate the records and publish the warehouse")
    build_cmd.add_argument("--records", type=Path, nargs="+", default=[DEFAULT_RECORDS],
                           help="records folder, CSV files or .xlsx workbook (default: data/records)")
    build_cmd.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE,
                           help="where to publish (default: data/warehouse)")

    check_cmd = commands.add_parser("check", help="validate only; list every problem")
    check_cmd.add_argument("files", type=Path, nargs="*", help="CSV files or .xlsx workbooks")
    check_cmd.add_argument("--records", type=Path, nargs="+", help="records folder (default: data/records)")

    template_cmd = commands.add_parser("template", help="write an empty workbook to collect cases in")
    template_cmd.add_argument("out", type=Path, help="path of the .xlsx to write")
    template_cmd.add_argument("--lang", dest="language", choices=list(LANGUAGES), default=ENGLISH,
                              help="the language of the explanations (default: en)")

    args = parser.parse_args(argv)
    if args.command == "build":
        try:
            summary = build(args.records, args.warehouse)
        except RecordsError as err:
            print(format_report(err.problems), file=sys.stderr)
            print("Nothing was published; the warehouse is unchanged.", file=sys.stderr)
            return 1
        except (duckdb.Error, OSError) as err:
            print(f"The build failed: {type(err).__name__}: {err}", file=sys.stderr)
            print("Nothing was published; the warehouse is unchanged.", file=sys.stderr)
            return 1
        print(f"Published {summary.warehouse / 'repression.duckdb'} (build {summary.build_id}) "
              f"in {summary.seconds:.2f} s")
        for table, count in summary.rows.items():
            print(f"  {table:<20} {count:>9,} rows")
        return 0
    if args.command == "check":
        paths = list(args.files) + list(args.records or [])
        _, problems = load_and_validate(paths or [DEFAULT_RECORDS])
        print(format_report(problems), file=sys.stderr if problems else sys.stdout)
        return 1 if problems else 0
    if args.command == "template":
        if args.out.suffix.lower() != ".xlsx":
            print("The template must be written to a .xlsx file.", file=sys.stderr)
            return 2
        write_template(args.out, args.language)
        print(f"Wrote {args.out}")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
