"""The map at 1,000 / 10,000 / 100,000 incidents next to the naive one-folium.Marker-per-incident map.

Synthetic but realistic incidents: settlements over Ukraine where a few front-line places have most of
the reports, some oblast-wide and country-wide reports (polygons), six event types, one day or a range
of days each, an evidence sentence, actors and sources. Incident i is the same whatever the size.

For each size and map: build time (`maps.write_outputs(..., formats=["html"], offline=True)`, i.e. build
and render; for the naive map folium.Map + one Marker each + save), size of map.html, and load time in
headless Chromium from file:// (navigation until the layer control exists and incident features are
drawn, measured in the page). The naive map is skipped above --naive-max (default 10,000): at 100,000 it
took 130 s to build, 138 MB, and never became interactive.

    .venv/bin/python bench/map_bench.py                      # 1k, 10k, 100k: about 1.5 minutes
    .venv/bin/python bench/map_bench.py --sizes 20000 --naive-max 0
"""

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from html import escape
from pathlib import Path

import folium
import geopandas as gpd
import shapely

import maps
from gazetteer import Place
from geo.incident import Incident, to_frame
from maps.offline import make_offline

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import chromium  # noqa: E402  (tests/browser.py: Debian's chromium, never a downloaded one)

WEST, SOUTH, EAST, NORTH = 22.2, 44.4, 40.2, 52.4
FIRST_DAY = date(2022, 2, 24)
TYPES = {  # six types, roughly in ACLED's proportions for the war
    "Explosions/Remote violence": (45, ["Shelling/artillery/missile attack", "Air/drone strike"]),
    "Battles": (25, ["Armed clash", "Government regains territory"]),
    "Strategic developments": (12, ["Agreement", "Arrests", "Looting/property destruction"]),
    "Violence against civilians": (8, ["Attack", "Abduction/forced disappearance"]),
    "Protests": (7, ["Peaceful protest", "Protest with intervention"]),
    "Riots": (3, ["Violent demonstration", "Mob violence"]),
}
ACTORS = ["Military Forces of Russia", "Military Forces of Ukraine", "Wagner Group", "Civilians (Ukraine)",
          "Police Forces of Ukraine", "Protesters (Ukraine)"]
VERBS = ["shelled", "struck", "hit", "attacked", "reported fighting near", "targeted"]


def _places(rng: random.Random) -> tuple[list[Place], list[Place], Place]:
    towns = [Place(id=f"synthetic:{i}", name=f"Town {i}", kind="city", country="UA", geonameid=10_000 + i,
                   lat=round(rng.uniform(SOUTH, NORTH), 5), lon=round(rng.uniform(WEST, EAST), 5))
             for i in range(2000)]
    oblasts = []
    for i in range(24):  # wobbly outlines with as many vertices as a simplified real oblast
        x, y = WEST + 1.5 + (i % 6) * 3.0, SOUTH + 1.0 + (i // 6) * 2.0
        ring = [(x + (1.3 + 0.2 * rng.random()) * dx, y + (0.9 + 0.15 * rng.random()) * dy)
                for dx, dy in shapely.Point(0, 0).buffer(1, 50).exterior.coords[:-1]]
        oblasts.append(Place(id=f"synthetic-oblast:{i}", name=f"Oblast {i}", kind="admin1", lat=y, lon=x,
                             country="UA", geonameid=20_000 + i,
                             polygon_wkb=shapely.to_wkb(shapely.Polygon(ring))))
    country = Place(id="geonames:690791", name="Ukraine", kind="country", lat=49.0, lon=32.0, country="UA",
                    geonameid=690791, polygon_wkb=shapely.to_wkb(shapely.box(WEST, SOUTH, EAST, NORTH)))
    return towns, oblasts, country


def synthetic(n: int, seed: int = 6) -> gpd.GeoDataFrame:
    """n incidents as the pipeline's table (`geo.incident.to_frame`); the first k are the same for any n."""
    rng = random.Random(seed)
    towns, oblasts, country = _places(rng)
    weights = [1 / (rank + 1) for rank in range(len(towns))]  # a few places have most of the reports
    types = list(TYPES)
    incidents = []
    for i in range(n):
        roll = rng.random()
        place = country if roll < 0.01 else rng.choice(oblasts) if roll < 0.06 else \
            rng.choices(towns, weights)[0]
        event_type = rng.choices(types, [TYPES[t][0] for t in types])[0]
        start = FIRST_DAY + timedelta(days=rng.randrange(680))
        ranged = rng.random() < 0.2
        end = start + timedelta(days=rng.randint(1, 6)) if ranged else start
        actors = tuple(rng.sample(ACTORS, rng.randint(0, 2)))
        evidence = (f"On {start:%d %B} forces {rng.choice(VERBS)} {place.name}, local officials said, "
                    f"adding that {rng.randint(2, 40)} buildings were damaged in report {i}.")
        sources = tuple(f"https://news{k}.example.org/ukraine/{i}-{k}" for k in range(rng.randint(1, 2)))
        incidents.append(Incident(
            place, event_type, rng.choice(TYPES[event_type][1]), start, end, evidence, sources,
            date_precision="week" if ranged else "day", actors=actors,
            verification=rng.choices(["reported", "unverified", "disputed"], [85, 10, 5])[0],
            fatalities=rng.choice([None, None, 0, 1, 2, 5]), evidence_end=len(evidence)))
    return to_frame(incidents)


def naive_map(frame: gpd.GeoDataFrame) -> folium.Map:
    """What the first attempt would do: one folium.Marker (and Popup) per incident."""
    m = folium.Map(location=[48.5, 31], zoom_start=6)
    groups = {}
    for row, point in zip(frame.itertuples(), frame.geometry.representative_point(), strict=True):
        group = groups.get(row.event_type) or groups.setdefault(
            row.event_type, folium.FeatureGroup(name=escape(row.event_type)).add_to(m))
        folium.Marker([point.y, point.x], popup=folium.Popup(escape(row.evidence)),
                      tooltip=escape(row.place_name)).add_to(group)
    folium.LayerControl(collapsed=False).add_to(m)
    make_offline(m)
    return m


def _build(kind: str, frame: gpd.GeoDataFrame, out: Path) -> float:
    started = time.perf_counter()
    if kind == "maps":
        maps.write_outputs(frame, out, formats=["html"], offline=True)
    else:
        naive_map(frame).save(str(out / "map.html"))
    return time.perf_counter() - started


# Incident features: SVG circles and areas (class im-feature), cluster bubbles, the canvas that large
# GeoJson maps draw on, or the naive map's markers.
DRAWN = """() => document.querySelector('.leaflet-control-layers') && document.querySelector(
    '.im-feature, .im-cluster, .leaflet-overlay-pane canvas, .leaflet-marker-icon')
    ? performance.now() : false"""


def _load(browser, page_file: Path, timeout_s: float) -> float | None:
    """Seconds from navigation start until the control exists and features are drawn; None on timeout."""
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    try:
        page.goto(page_file.as_uri(), wait_until="commit", timeout=timeout_s * 1000)
        return page.wait_for_function(DRAWN, polling=50, timeout=timeout_s * 1000).json_value() / 1000
    except Exception as error:  # Playwright's TimeoutError, or a page that crashed under its size
        print(f"    load failed: {type(error).__name__}", file=sys.stderr)
        return None
    finally:
        page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--naive-max", type=int, default=10_000, help="skip the naive map above this size")
    parser.add_argument("--timeout", type=float, default=60, help="seconds a page may take to load")
    args = parser.parse_args()
    print(f"{'incidents':>10} {'map':<6} {'build s':>8} {'map.html MB':>12} {'load s':>7}")
    with chromium() as browser, tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            frame = synthetic(n)
            for kind in ("maps", "naive"):
                if kind == "naive" and n > args.naive_max:
                    print(f"{n:>10,} {kind:<6} skipped (above --naive-max {args.naive_max:,})")
                    continue
                out = Path(tmp) / f"{kind}-{n}"
                out.mkdir()
                build = _build(kind, frame, out)
                size = (out / "map.html").stat().st_size / 1e6
                load = _load(browser, out / "map.html", args.timeout)
                shown = f"{load:7.2f}" if load is not None else f">{args.timeout:.0f}".rjust(7)
                print(f"{n:>10,} {kind:<6} {build:8.2f} {size:12.1f} {shown}", flush=True)


if __name__ == "__main__":
    main()
