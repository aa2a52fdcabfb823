"""Write data/geo/kazakhstan-region-tiles.geojson: our tile-grid map of the regions (no licensed boundaries needed).

One tile per ISO 3166-2:KZ region on a grid laid over the country outline, each placed roughly where the
region lies; the three cities of republican significance are circles. Coordinates are degrees (lon, lat);
a tile is square on screen when the y axis is drawn 1/cos(48°) times the x axis, as dashboard/geo.py does.
Run: python scripts/make_region_tiles.py [output path]
"""
import json
import math
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "geo" / "kazakhstan-region-tiles.geojson"
REFERENCE_LATITUDE = 48.0  # the middle of Kazakhstan: where the map's aspect ratio is true
STEP_LON = 4.0
STEP_LAT = STEP_LON * math.cos(math.radians(REFERENCE_LATITUDE))
FIRST_LON, FIRST_LAT = 47.0, 53.35  # the centre of column 0, row 0 (rows go south)
TILE, CIRCLE = 0.9, 0.42  # side of a square, radius of a circle, as a share of the step

# region_iso, short name, column, row, shape
LAYOUT = [
    ("KZ-59", "N. Kaz.", 5, 0, "square"),
    ("KZ-27", "W. Kaz.", 1, 1, "square"),
    ("KZ-39", "Kostanay", 4, 1, "square"),
    ("KZ-11", "Akmola", 5, 1, "square"),
    ("KZ-71", "Astana", 6, 1, "circle"),
    ("KZ-55", "Pavlodar", 7, 1, "square"),
    ("KZ-63", "E. Kaz.", 9, 1, "square"),
    ("KZ-23", "Atyrau", 1, 2, "square"),
    ("KZ-15", "Aktobe", 2, 2, "square"),
    ("KZ-62", "Ulytau", 5, 2, "square"),
    ("KZ-35", "Karaganda", 6, 2, "square"),
    ("KZ-10", "Abai", 8, 2, "square"),
    ("KZ-47", "Mangystau", 1, 3, "square"),
    ("KZ-43", "Kyzylorda", 4, 3, "square"),
    ("KZ-31", "Zhambyl", 6, 3, "square"),
    ("KZ-19", "Almaty Reg.", 7, 3, "square"),
    ("KZ-33", "Zhetisu", 8, 3, "square"),
    ("KZ-61", "Turkistan", 5, 4, "square"),
    ("KZ-79", "Shymkent", 6, 4, "circle"),
    ("KZ-75", "Almaty", 7, 4, "circle"),
]


def ring(column: int, row: int, shape: str) -> list[list[float]]:
    lon, lat = FIRST_LON + column * STEP_LON, FIRST_LAT - row * STEP_LAT
    if shape == "circle":
        points = [(math.cos(2 * math.pi * i / 36), math.sin(2 * math.pi * i / 36)) for i in range(36)]
        half = CIRCLE
    else:
        points, half = [(-1, -1), (1, -1), (1, 1), (-1, 1)], TILE / 2
    corners = [[round(lon + x * half * STEP_LON, 3), round(lat + y * half * STEP_LAT, 3)] for x, y in points]
    return corners + corners[:1]


def main() -> None:
    features = [{"type": "Feature", "properties": {"region_iso": iso, "short_name": name},
                 "geometry": {"type": "Polygon", "coordinates": [ring(column, row, shape)]}}
                for iso, name, column, row, shape in LAYOUT]
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.write_text(json.dumps({"type": "FeatureCollection", "features": features}) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
