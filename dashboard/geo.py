"""Offline maps from the GeoJSON in data/geo, drawn with cartesian traces: plotly's geo traces fetch from a CDN."""
from __future__ import annotations

import functools
import json
import math
import re

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from dashboard.charts.style import SEQUENTIAL, plain, style
from dashboard.i18n import translation
from dashboard.loader import PROJECT_ROOT
from dashboard.places import place_name, short_names
from dashboard.view import View

GEO_DIR = PROJECT_ROOT / "data" / "geo"
REGIONS = "kazakhstan-regions"
NO_DATA = "#e3e3e3"
# A degree of latitude is drawn this much taller than one of longitude: true proportions at 48°N, mid-Kazakhstan.
LAT_STRETCH = 1 / math.cos(math.radians(48.0))
HALO = ", ".join(f"{x}px {y}px 1px #ffffff" for x in (-1, 0, 1) for y in (-1, 0, 1) if x or y)
# Regions created in 2022 -> the 2021 region they were part of. The map has the 2021 borders (the records
# describe 2021), so what is placed in one of them is counted and drawn within that region, and named in a note.
CREATED_2022 = {"KZ-10": "KZ-63", "KZ-33": "KZ-19", "KZ-62": "KZ-35"}
# A city's name goes right of its circle; Shymkent's above it, clear of the name of Turkestan Region around it.
CITY_LABEL_SIDES = {"KZ-79": "top right"}


@functools.cache
def geojson(name: str) -> dict:
    """data/geo/<name>.geojson, read once per process."""
    return json.loads((GEO_DIR / f"{name}.geojson").read_text(encoding="utf-8"))


def shapes() -> list[dict]:
    """The regions drawn as shapes: every 2021 region but the three cities."""
    return [f for f in geojson(REGIONS)["features"] if f["geometry"]["type"] != "Point"]


def cities() -> list[dict]:
    """The cities of republican significance, drawn as circles at their coordinates."""
    return [f for f in geojson(REGIONS)["features"] if f["geometry"]["type"] == "Point"]


@functools.cache
def bounds() -> tuple[list[float], list[float]]:
    """The x and y ranges of the shapes with a margin of 0.1°: set, so that the map is not padded for its labels
    and fills the chart."""
    xs, ys = zip(*((x, y) for f in shapes() for x, y in zip(*_xy(f["geometry"])) if x is not None))
    return [min(xs) - 0.1, max(xs) + 0.1], [min(ys) - 0.1, max(ys) + 0.1]


def _xy(geometry: dict) -> tuple[list, list]:
    """The outer rings as one trace's x and y, split by None so that fill="toself" closes each ring on its own."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    xs, ys = [], []
    for polygon in polygons:
        xs += [x for x, _ in polygon[0]] + [None]
        ys += [y for _, y in polygon[0]] + [None]
    return xs, ys


def region_map(counts: pd.DataFrame, value: str, what: str, title: str, view: View, scale: str) -> go.Figure:
    """Choropleth of Kazakhstan's regions as in 2021, styled with charts.style: `counts` has region_iso, region_name
    and the `value` column; `what` names what is counted ("people", in the view's language) for the hover and the
    colour bar, whose title is `scale`. Regions are named in the view's language (dashboard/places.py)."""
    present = view.present
    t = translation(view.language)
    _ = t.gettext
    short = short_names(view.language)
    placed = counts.dropna(subset=["region_iso"]).set_index("region_iso")
    own = {iso: int(n) for iso, n in placed[value].items()}
    names = {iso: plain(n) for iso, n in placed["region_name"].items()}
    features = geojson(REGIONS)["features"]
    for f in features:
        names.setdefault(f["properties"]["region_iso"], plain(place_name(f["properties"]["region_iso"], view.language)))
    drawn = {f["properties"]["region_iso"]: own.get(f["properties"]["region_iso"], 0) for f in features}
    later = {iso: own[iso] for iso in CREATED_2022 if own.get(iso)}
    for iso, n in later.items():
        drawn[CREATED_2022[iso]] += n
    highest = max(*drawn.values(), 1)
    colour = lambda n: sample_colorscale(SEQUENTIAL, [n / highest])[0] if n else NO_DATA  # noqa: E731
    hover = {iso: f"{names[iso]}: {t.number(n)} {what}" for iso, n in drawn.items()}
    notes = []
    for iso, n in later.items():
        parent, created = CREATED_2022[iso], _("{region} (created 2022)").format(region=names.get(iso, iso))
        hover[parent] += "<br>" + _("{n} of them in {region}").format(n=t.number(n), region=created)
        notes.append(_("{region}, drawn within {parent}: {n} {what}").format(region=created, parent=names[parent],
                                                                            n=t.number(n), what=what))
    size = 16 if present else 12

    figure = go.Figure()
    labels = []
    for feature in shapes():
        iso = feature["properties"]["region_iso"]
        x, y = _xy(feature["geometry"])
        figure.add_scatter(x=x, y=y, fill="toself", fillcolor=colour(drawn[iso]), mode="lines", name=hover[iso],
                           meta=iso, hoveron="fills", hoverinfo="name", hoverlabel={"namelength": -1},
                           line={"color": "#ffffff", "width": 1})
        # the name a word a line (a hyphenated one broken after its hyphen), to fit narrow regions; the count only
        # where there is one
        words = re.split(r"\s+|(?<=-)", plain(short[iso])) + ([f"<b>{t.number(drawn[iso])}</b>"] if drawn[iso] else [])
        labels.append({"x": feature["properties"]["label"][0], "y": feature["properties"]["label"][1],
                       "text": "<br>".join(words), "hover": hover[iso],
                       "ink": "#ffffff" if drawn[iso] and drawn[iso] / highest < 0.45 else "#111111"})
    labels = pd.DataFrame(labels)
    figure.add_scatter(x=labels["x"], y=labels["y"], mode="text", text=labels["text"], name="",
                       textfont={"color": labels["ink"], "size": size}, customdata=labels[["hover"]],
                       hovertemplate="%{customdata[0]}<extra></extra>")

    points = cities()
    city_isos = [f["properties"]["region_iso"] for f in points]
    figure.add_scatter(
        x=[f["geometry"]["coordinates"][0] for f in points], y=[f["geometry"]["coordinates"][1] for f in points],
        mode="markers+text", name="cities", meta=city_isos,
        textposition=[CITY_LABEL_SIDES.get(iso, "middle right") for iso in city_isos],
        text=[plain(short[iso]) + (f" <b>{t.number(drawn[iso])}</b>" if drawn[iso] else "")
              for f, iso in zip(points, city_isos)],
        # a white halo keeps a name readable where it runs over a dark region
        textfont={"size": size, "color": "#111111", "shadow": HALO},
        marker={"color": [colour(drawn[iso]) for iso in city_isos], "line": {"color": "#111111", "width": 1.5}},
        customdata=[hover[iso] for iso in city_isos], hovertemplate="%{customdata}<extra></extra>")

    # top right, over Russia (nothing of Kazakhstan is north of 52.5°N east of 78.5°E): the notes under the map may
    # run its whole width
    colour_bar = {"title": {"text": scale, "side": "top"}, "orientation": "h", "len": 0.22,
                  "x": 1, "xanchor": "right", "y": 1, "yanchor": "top", "thickness": 14,
                  "tickformat": ",d", "dtick": max(1, math.ceil(highest / 5))}
    figure.add_scatter(x=labels["x"], y=labels["y"], mode="markers", hoverinfo="skip", name="scale",
                       marker={"color": [0] * len(labels), "colorscale": SEQUENTIAL, "cmin": 0, "cmax": highest,
                               "opacity": 0, "showscale": True, "colorbar": colour_bar})
    style(figure, view, title)
    # after style, which thickens every line and marker in presenter mode: borders stay thin, circles their size
    figure.update_traces(line_width=1, selector={"mode": "lines"})
    figure.update_traces(marker_size=22 if present else 16, selector={"name": "cities"})
    x_range, y_range = bounds()
    figure.update_xaxes(visible=False, range=x_range)
    figure.update_yaxes(visible=False, range=y_range, scaleanchor="x", scaleratio=LAT_STRETCH)
    # as tall as the map is at the page's width, so that it fits a 1280×720 screen whole, and a line per note
    figure.update_layout(showlegend=False, hovermode="closest", height=(680 if present else 570) + 20 * len(notes),
                         margin_b=60 + 20 * len(notes))
    note = [_("Regions as in 2021. Grey: none recorded. Circles: the cities Astana, Almaty and Shymkent."), *notes]
    figure.add_annotation(text="<br>".join(note), xref="paper", yref="paper", x=0, y=0, xanchor="left",
                          yanchor="top", showarrow=False, align="left", font={"color": "#444444"})
    return figure
