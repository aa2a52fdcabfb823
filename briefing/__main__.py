"""Build the standard briefing pack (PPTX or PDF) for a set of filters, without a browser or a Streamlit server:

    python -m briefing --out brief.pptx --region KZ-75 --article 405 --from 2020-01-01 --to 2021-12-31 --anonymise
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from streamlit import logger

logger.set_log_level("error")  # outside `streamlit run`, its caches and session state warn on every call
from dashboard import briefing  # noqa: E402
from dashboard.db import WarehouseUnavailable  # noqa: E402
from dashboard.filters import LIST_FILTERS, Filters, Modes, filter_labels, use  # noqa: E402


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m briefing", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="the file to write: .pptx or .pdf")
    for key, (label, _) in LIST_FILTERS.items():
        parser.add_argument(f"--{key.replace('_', '-')}", dest=key, action="append", default=[], metavar="VALUE",
                            help=f"{label} (repeat for several, as in the dashboard's ?{key}= link)")
    parser.add_argument("--from", dest="date_from", type=dt.date.fromisoformat, help="period start, YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", type=dt.date.fromisoformat, help="period end, YYYY-MM-DD")
    parser.add_argument("--anonymise", action="store_true", help="hide names: stable pseudonyms everywhere")
    parser.add_argument("--warehouse", type=Path, help="warehouse folder (default: data/warehouse)")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="the creation date the pack states (default: today)")
    parser.add_argument("--title", help="the pack's title")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    fmt = args.out.suffix.lower().lstrip(".")
    if fmt not in ("pptx", "pdf"):
        print(f"--out must end in .pptx or .pdf, not {args.out.name}", file=sys.stderr)
        return 2
    if args.warehouse:
        os.environ["DASHBOARD_WAREHOUSE"] = str(args.warehouse)  # read by the query layer at every query
    try:
        labels = filter_labels()
        unknown = [f"--{key.replace('_', '-')} {value}" for key in LIST_FILTERS for value in getattr(args, key)
                   if value not in labels.get(key, {})]
        if unknown:
            print("Unknown filter values: " + ", ".join(unknown), file=sys.stderr)
            return 2
        use(Filters(args.date_from, args.date_to, {key: tuple(getattr(args, key)) for key in LIST_FILTERS}, labels),
            Modes(anonymise=args.anonymise))
        pack, _ = briefing.make_pack(briefing.standard_items(), args.date, args.title or briefing.TITLE)
        args.out.write_bytes(briefing.WRITERS[fmt](pack))
    except WarehouseUnavailable as err:
        print(err, file=sys.stderr)
        return 1
    print(f"Wrote {args.out} ({len(pack.items)} charts, {pack.build_line}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
