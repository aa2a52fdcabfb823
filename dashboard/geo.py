"""Offline maps from the GeoJSON in data/geo, drawn with cartesian traces: plotly's geo traces fetch from a CDN."""
from __future__ import annotations

import functools
import json
import math

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from dashboard.charts.style import SEQUENTIAL, plain, style
from dashboard.loader import PROJECT_ROOT
from dashboard.view import View

GEO_DIR = PROJECT_ROOT / "data" / "geo"
NO_DATA = "#e3e3e3"
# A degree of latitude is drawn this much taller than one of longitude: true proportions at 48°N, mid-Kazakhstan.
LAT_STRETCH = 1 / math.cos(math.radians(48.0))


@functools.cache
def geojson(name: str) -> dict:
    """data/geo/<name>.geojson, read once per process."""
    return json.loads((GEO_DIR / f"{name}.geojson").read_text(encoding="utf-8"))


def _rings(geometry: dict) -> list[list[list[float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


def _xy(rings: list[list[list[float]]]) -> tuple[list, list]:
    """Rings as one trace's x and y, split by None so that fill="toself" closes each ring on its own."""
    xs, ys = [], []
    for ring in rings:
        xs += [x for x, _ in ring] + [None]
        ys += [y for _, y in ring] + [None]
    return xs, ys


def region_map(counts: pd.DataFrame, value: str, what: str, title: str, view: View) -> go.Figure:
    """Tile-grid choropleth of Kazakhstan, styled with charts.style: `counts` has region_iso, region_name and the
    `value` column; `what` names what is counted ("people") for the hover and the colour bar."""
    present = view.present
    by_region = counts.dropna(subset=["region_iso"]).set_index("region_iso")
    highest = max(int(by_region[value].max()), 1) if not by_region.empty else 1
    figure = go.Figure()
    outline = [ring for feature in geojson("kazakhstan-outline")["features"] for ring in _rings(feature["geometry"])]
    x, y = _xy(outline)
    figure.add_scatter(x=x, y=y, fill="toself", fillcolor="#f6f6f6", mode="lines", hoverinfo="skip",
                       line={"color": "#8a8a8a", "width": 1}, name="Kazakhstan")
    labels = []
    for feature in geojson("kazakhstan-region-tiles")["features"]:
        iso, short = feature["properties"]["region_iso"], feature["properties"]["short_name"]
        count = int(by_region[value].get(iso, 0))
        share = count / highest
        x, y = _xy(_rings(feature["geometry"]))
        figure.add_scatter(x=x, y=y, fill="toself", mode="lines", hoverinfo="skip", name=iso,
                           line={"color": "#ffffff", "width": 1},
                           fillcolor=sample_colorscale(SEQUENTIAL, [share])[0] if count else NO_DATA)
        ring = feature["geometry"]["coordinates"][0][:-1]
        labels.append({"x": sum(p[0] for p in ring) / len(ring), "y": sum(p[1] for p in ring) / len(ring),
                       "text": f"{plain(short)}<br><b>{count:,}</b>", "count": count,
                       "name": plain(by_region["region_name"].get(iso, iso)),
                       "ink": "#ffffff" if count and share < 0.45 else "#111111"})
    labels = pd.DataFrame(labels)
    figure.add_scatter(x=labels["x"], y=labels["y"], mode="text", text=labels["text"], name="",
                       textfont={"color": labels["ink"], "size": 15 if present else 12},
                       customdata=labels[["name", "count"]],
                       hovertemplate=f"%{{customdata[0]}}: %{{customdata[1]:,}} {what}<extra></extra>")
    colour_bar = {"title": {"text": f"Number of {what}", "side": "top"}, "orientation": "h", "len": 0.4,
                  "x": 1, "xanchor": "right", "y": 0, "yanchor": "top", "thickness": 14,
                  "tickformat": ",d", "dtick": max(1, math.ceil(highest / 5))}
    figure.add_scatter(x=labels["x"], y=labels["y"], mode="markers", hoverinfo="skip", name="scale",
                       marker={"color": labels["count"], "colorscale": SEQUENTIAL, "cmin": 0, "cmax": highest,
                               "opacity": 0, "showscale": True, "colorbar": colour_bar})
    style(figure, view, title)
    # after style: presenter mode thickens every line and marker, which tiles and the colour bar must not get
    figure.update_traces(line_width=1, selector={"mode": "lines"})
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False, scaleanchor="x", scaleratio=LAT_STRETCH)
    figure.update_layout(showlegend=False, hovermode="closest", hoverdistance=60, height=760 if present else 600,
                         margin_b=60)
    figure.add_annotation(text="Grey: none recorded. Circles: the cities Astana, Almaty and Shymkent.",
                          xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top", showarrow=False,
                          font={"color": "#444444"})
    return figure
