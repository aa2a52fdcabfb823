"""Command line: python -m etl build | check | template | import | rollback."""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

import duckdb

from dashboard.i18n import ENGLISH, LANGUAGES
from etl.combine import combine
from etl.problems import RecordsError, format_report
from etl.template import write_template
from etl.uploads import DEFAULT_DATA, Project, StaleUpload, build_project, check_upload, preview, publish, roll_back
from etl.warehouse import DEFAULT_WAREHOUSE, build, load_and_validate

UNCHANGED = "Nothing was published; the warehouse is unchanged."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    project = argparse.ArgumentParser(add_help=False)
    project.add_argument("--data", type=Path, default=DEFAULT_DATA,
                         help="the project's data folder, with records/ and uploads/ (default: data)")
    publishing = argparse.ArgumentParser(add_help=False, parents=[project])
    publishing.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE,
                            help="where to publish (default: data/warehouse)")
    editing = argparse.ArgumentParser(add_help=False, parents=[publishing])
    editing.add_argument("--editor", help="who publishes, for the log (default: your login name)")

    build_cmd = commands.add_parser("build", parents=[publishing],
                                    help="validate the records and publish the warehouse")
    build_cmd.add_argument("--records", type=Path, nargs="+",
                           help="records folder, CSV files or .xlsx workbook (default: data/records and the uploads "
                                "in force)")

    check_cmd = commands.add_parser("check", parents=[project], help="validate only; list every problem")
    check_cmd.add_argument("files", type=Path, nargs="*", help="CSV files or .xlsx workbooks")
    check_cmd.add_argument("--records", type=Path, nargs="+", help="records folder (default: data/records and the "
                                                                   "uploads in force)")

    template_cmd = commands.add_parser("template", help="write an empty workbook to collect cases in")
    template_cmd.add_argument("out", type=Path, help="path of the .xlsx to write")
    template_cmd.add_argument("--lang", dest="language", choices=list(LANGUAGES), default=ENGLISH,
                              help="the language of the explanations (default: en)")

    import_cmd = commands.add_parser("import", parents=[editing],
                                     help="add a filled template or CSV files as a new source, and publish it")
    import_cmd.add_argument("files", type=Path, nargs="+", help="the filled template (.xlsx) or CSV files")
    import_cmd.add_argument("--source-title", required=True, help="the source's title")
    import_cmd.add_argument("--source-publisher", default="", help="who published it (required by the records)")
    import_cmd.add_argument("--source-date", default="", help="when it was published, YYYY-MM-DD")
    import_cmd.add_argument("--source-url", default="", help="its web address (http or https), if public")
    import_cmd.add_argument("--dry-run", action="store_true",
                            help="print what publishing would change; publish nothing")

    rollback_cmd = commands.add_parser("rollback", parents=[editing],
                                       help="publish again the records as they were after an earlier publish")
    rollback_cmd.add_argument("entry", type=int, help="the publish's number in data/uploads/publishes.csv "
                                                      "(0: the curated records without any upload)")

    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except RecordsError as err:
        print(format_report(err.problems), file=sys.stderr)
        print(UNCHANGED, file=sys.stderr)
    except (duckdb.Error, OSError) as err:
        print(f"The build failed: {type(err).__name__}: {err}", file=sys.stderr)
        print(UNCHANGED, file=sys.stderr)
    except (StaleUpload, ValueError) as err:  # records changed meanwhile; no such publish to roll back to
        print(f"Refused: {err}.", file=sys.stderr)
        print(UNCHANGED, file=sys.stderr)
    return 1


def build_command(args) -> int:
    if args.records:
        summary = build(args.records, args.warehouse)
    else:
        summary = build_project(Project(args.data), args.warehouse)
    print(f"Published {summary.warehouse / 'repression.duckdb'} (build {summary.build_id}) in {summary.seconds:.2f} s; "
          f"records fingerprint {summary.fingerprint}")
    for table, count in summary.rows.items():
        print(f"  {table:<20} {count:>9,} rows")
    return 0


def check_command(args) -> int:
    paths = list(args.files) + list(args.records or [])
    if paths:
        _, problems = load_and_validate(paths)
    else:
        project = Project(args.data)
        problems = combine(project.parts(project.in_force())).problems
    print(format_report(problems), file=sys.stderr if problems else sys.stdout)
    return 1 if problems else 0


def editor(args) -> str:
    """Who publishes, for the log: as given, else the login name where the system tells it."""
    if args.editor:
        return args.editor
    try:
        return getpass.getuser()
    except (ImportError, KeyError, OSError):  # no login name: no user database, or an unnamed user
        return "command line"


def template_command(args) -> int:
    if args.out.suffix.lower() != ".xlsx":
        print("The template must be written to a .xlsx file.", file=sys.stderr)
        return 2
    write_template(args.out, args.language)
    print(f"Wrote {args.out}")
    return 0


def import_command(args) -> int:
    from dashboard import desk  # the preview is the dashboard's own: What changed, and the headline numbers

    project = Project(args.data)
    upload = check_upload(project, args.files, args.source_title, args.source_publisher, args.source_date,
                          args.source_url)
    if upload.problems:
        raise RecordsError(upload.problems)
    checked = preview(project, upload)
    try:
        print(desk.preview_text(checked, args.warehouse))
        if args.dry_run:
            print(f"Dry run: {UNCHANGED}")
            return 0
        entry = publish(project, checked, editor(args), args.warehouse)
    finally:
        checked.discard()
    print(f"Published build {entry['build_id']} (records fingerprint {entry['records_fingerprint']}); the upload is "
          f"kept in {project.uploads / entry['upload']} and logged as publish {entry['no']}.")
    return 0


def rollback_command(args) -> int:
    entry = roll_back(Project(args.data), args.entry, editor(args), args.warehouse)
    restored = f"as after publish {args.entry}" if args.entry else "without any upload"
    print(f"Published build {entry['build_id']} (records fingerprint {entry['records_fingerprint']}): the records "
          f"{restored}, logged as {entry['no']}.")
    return 0


COMMANDS = {"build": build_command, "check": check_command, "template": template_command, "import": import_command,
            "rollback": rollback_command}


if __name__ == "__main__":
    sys.exit(main())
