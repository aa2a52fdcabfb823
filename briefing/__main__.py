"""Build the standard briefing pack (PPTX or PDF) for a set of filters, without a browser or a Streamlit server:

    python -m briefing --out brief.pptx --region KZ-75 --article 405 --from 2020-01-01 --to 2021-12-31 --anonymise
    python -m briefing --out brief.pdf --lang kk
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from briefing import documents, pack
from briefing.standard import standard_items
from dashboard.i18n import ENGLISH, LANGUAGES
from dashboard.loader import NAMES_LOCKED, WarehouseUnavailable
from dashboard.view import LIST_FILTERS, Filters, View, filter_labels


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m briefing", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="the file to write: .pptx or .pdf")
    for f in LIST_FILTERS:
        parser.add_argument(f"--{f.url_key.replace('_', '-')}", dest=f.field, action="append", default=[],
                            metavar="VALUE", help=f"{f.label} (repeat for several, as in the dashboard's ?{f.url_key}= link)")
    parser.add_argument("--from", dest="date_from", type=dt.date.fromisoformat, help="period start, YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", type=dt.date.fromisoformat, help="period end, YYYY-MM-DD")
    parser.add_argument("--anonymise", action="store_true", help="hide names: stable pseudonyms everywhere")
    parser.add_argument("--warehouse", type=Path, help="warehouse folder (default: data/warehouse)")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="the creation date the pack states (default: today)")
    parser.add_argument("--title", help="the pack's title")
    parser.add_argument("--lang", dest="language", choices=list(LANGUAGES), default=ENGLISH,
                        help="the pack's language, as the dashboard's ?lang= (default: en)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    fmt = args.out.suffix.lower().lstrip(".")
    if fmt not in documents.WRITERS:
        print(f"--out must end in .pptx or .pdf, not {args.out.name}", file=sys.stderr)
        return 2
    if args.warehouse:
        os.environ["DASHBOARD_WAREHOUSE"] = str(args.warehouse)  # read by the loader at every query
    try:
        labels = filter_labels()
        unknown = [f"--{f.url_key.replace('_', '-')} {value}" for f in LIST_FILTERS for value in getattr(args, f.field)
                   if value not in labels.get(f.url_key, {})]
        if unknown:
            print("Unknown filter values: " + ", ".join(unknown), file=sys.stderr)
            return 2
        view = View(Filters(args.date_from, args.date_to, **{f.field: tuple(getattr(args, f.field)) for f in LIST_FILTERS}),
                    hide_names=args.anonymise or NAMES_LOCKED, language=args.language)
        made, _ = pack.make_pack(view, standard_items(view), args.date, args.title)
        args.out.write_bytes(documents.WRITERS[fmt](made))
    except WarehouseUnavailable as err:
        print(err, file=sys.stderr)
        return 1
    print(f"Wrote {args.out} ({len(made.items)} charts, {made.build_line}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
