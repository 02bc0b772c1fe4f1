"""Unit tests for maps: layers, legend, popups and escaping, and every export read back."""

import ast
import json
import re
from datetime import date
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
import pyarrow.parquet as pq
import pyogrio
import pytest
import shapely

import maps
from gazetteer import Place
from geo.incident import COLUMNS, Incident, to_frame
from maps import export, folium_map
from maps.cluster import Chunks, ClusterLayer, column
from maps.frame import normalise, split
from maps.legend import Legend
from maps.offline import ASSETS
from maps.popup import incident_fields
from maps.timefilter import TimeFilter

HOSTILE = 'Shelling <script>alert(1)</script> and <img src=x onerror="alert(2)"> near the bridge.'
DAY = date(2022, 3, 1)
OBLAST = shapely.box(30.5, 50.6, 33.5, 52.3)
UKRAINE = shapely.box(22.0, 44.0, 40.0, 52.4)


def city(name: str, lat: float, lon: float, geonameid: int) -> Place:
    return Place(id=f"geonames:{geonameid}", name=name, kind="city", lat=lat, lon=lon, country="UA",
                 geonameid=geonameid)


def area(name: str, kind: str, polygon: shapely.Polygon, geonameid: int) -> Place:
    centre = polygon.centroid
    return Place(id=f"geonames:{geonameid}", name=name, kind=kind, lat=centre.y, lon=centre.x, country="UA",
                 geonameid=geonameid, polygon_wkb=shapely.to_wkb(polygon))


CHERNIHIV = city("Chernihiv", 51.5, 31.28, 710735)
KYIV = city("Kyiv", 50.45, 30.52, 703448)
CHERNIHIV_OBLAST = area("Chernihiv Oblast", "admin1", OBLAST, 710734)
UA = area("Ukraine", "country", UKRAINE, 690791)


def incidents() -> list[Incident]:
    return [
        Incident(CHERNIHIV, "Battles", "Armed clash", DAY, DAY, HOSTILE, ("https://example.org/a",),
                 actors=("Military Forces of Russia",), fatalities=3, triggers=("fighting",)),
        Incident(CHERNIHIV_OBLAST, "Battles", "Armed clash", DAY, DAY, "Clashes across the oblast.",
                 ("https://example.org/b",), verification="unverified"),
        Incident(KYIV, "Explosions/Remote violence", "Shelling/artillery/missile attack", DAY,
                 date(2022, 3, 3), "Missiles hit Kyiv.", ("javascript:alert(3)", "Reuters"),
                 date_precision="range",
                 verification="disputed", injuries=5),
        Incident(UA, "Protests", "Peaceful protest", DAY, DAY, "Protests across the country.",
                 ("https://example.org/c",)),
        Incident(UA, "Strategic developments", "Agreement", DAY, DAY, "Talks announced.",
                 ("https://example.org/d",)),
    ]


@pytest.fixture
def frame() -> gpd.GeoDataFrame:
    return to_frame(incidents())


def geojson_children(group: folium.FeatureGroup) -> list[folium.GeoJson]:
    return [child for child in group._children.values() if isinstance(child, folium.GeoJson)]


def features(group: folium.FeatureGroup) -> list[dict]:
    return [feature for gj in geojson_children(group) for feature in gj.data["features"]]


def legend_counts(m: folium.Map) -> dict[str, int]:
    legend = next(child for child in m._children.values() if isinstance(child, Legend))
    return {layer: int(count) for layer, count in re.findall(
        r'data-layer="([^"]+)".*?class="im-legend-count">(\d+)<', legend.html)}


def test_one_layer_per_event_type_in_acled_order_with_country_level_last(frame):
    groups = maps.layers(frame)
    assert [group.layer_name for group in groups] == [
        "Battles", "Explosions/Remote violence", "Country-level reports"]
    assert [len(features(group)) for group in groups] == [2, 1, 1]


def test_each_type_has_its_own_colour():
    colours = [style.colour for style in maps.EVENT_TYPES]
    assert len(set(colours)) == len(colours) == 7
    assert maps.style_for("Looting").colour not in colours and maps.style_for("Looting").id == "looting"


def test_settlements_are_circle_markers_and_areas_lightly_filled_polygons(frame):
    battles = maps.layers(frame)[0]
    by_geometry = {gj.data["features"][0]["geometry"]["type"]: gj for gj in geojson_children(battles)}
    assert set(by_geometry) == {"Point", "Polygon"}
    assert isinstance(by_geometry["Point"].marker, folium.CircleMarker)
    area_style = by_geometry["Polygon"].style_function(None)
    assert 0 < area_style["fillOpacity"] <= 0.2


def test_country_level_reports_are_one_outline_per_country_never_a_dot(frame):
    country = maps.layers(frame)[-1]
    (feature,) = features(country)
    assert feature["geometry"]["type"] == "Polygon"
    assert feature["properties"]["nm"] == "Ukraine"
    assert [report["tx"] for report in feature["properties"]["reports"]] == [
        "Protests across the country.", "Talks announced."]


def test_legend_counts_incidents_per_layer(frame):
    assert legend_counts(maps.build_map(frame)) == {
        "battles": 2, "explosions-remote-violence": 1, "country-level": 2}


def test_popup_has_every_field_and_marks_disputed():
    fields = incident_fields(normalise(to_frame(incidents())))[2]
    assert fields == {"nm": "Kyiv", "et": "Explosions/Remote violence",
                      "st": "Shelling/artillery/missile attack", "dt": "2022-03-01 – 2022-03-03 (range)",
                      "vf": "⚠ Disputed", "fl": 1, "in": 5, "ds": "2022-03-01", "de": "2022-03-03",
                      "tx": "Missiles hit Kyiv.", "sr": ["javascript:alert(3)", "Reuters"]}
    # Unknown fatalities are left out (the popup shows no line), not shown as zero.


def test_article_strings_are_escaped_everywhere():
    hostile_place = Place(id="x:1", name="<b onmouseover=alert(4)>Town</b>", kind="city", lat=50, lon=30)
    incident = Incident(hostile_place, "Battles", "<i>clash</i>", DAY, DAY, HOSTILE,
                        ("javascript:alert(3)", "https://e.org/?q=<x>"), actors=("<svg onload=alert(5)>",))
    (fields,) = incident_fields(normalise(to_frame([incident])))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fields["tx"]
    assert fields["sr"] == ["javascript:alert(3)", "https://e.org/?q=&lt;x&gt;"]
    text = json.dumps(fields)
    for raw in ("<script", "<img", "<svg", "<b onmouseover", "<i>", "<x>"):
        assert raw not in text
    page = maps.build_map(to_frame([incident])).get_root().render()
    assert "<script>alert" not in page and "<img src=x" not in page


def test_article_braces_are_never_evaluated_as_templates(monkeypatch):
    """branca renders each element's output as a Jinja template again: "{{ 6*7 }}" must stay text."""
    braces = Place(id="x:2", name="Town {{ 7*7 }}", kind="city", lat=50, lon=30)
    incident = Incident(braces, "Battles {{ 5*5 }}", "Clash", DAY, DAY,
                        "Said {{ 6*7 }} {% if 1 %}IF{% endif %}", ("https://e.org/{{ 8*8 }}",),
                        actors=("{# x #}Militia",))
    for clustered_above in (10_000, 0):
        monkeypatch.setattr(folium_map, "CLUSTER_ABOVE", clustered_above)
        page = maps.build_map(to_frame([incident])).get_root().render()
        assert all(text in page for text in ("6*7", "7*7", "5*5", "8*8", "% if 1 %", "# x #"))
        for evaluated in ("Said 42", "Town 49", "Battles 25", "/64", "IF\"", ">Militia"):
            assert evaluated not in page


def test_map_fits_the_data_and_prefers_canvas_only_when_large(frame, monkeypatch):
    m = maps.build_map(frame)
    (bounds,) = [child.bounds for child in m._children.values() if type(child).__name__ == "FitBounds"]
    west, south, east, north = UKRAINE.bounds
    assert bounds == [[south, west], [north, east]]
    assert not m.options["prefer_canvas"]
    monkeypatch.setattr(folium_map, "CANVAS_ABOVE", 3)
    assert maps.build_map(frame).options["prefer_canvas"]


def test_date_filter_only_when_incidents_span_days(frame):
    children = maps.build_map(frame)._children.values()
    (time_filter,) = [child for child in children if isinstance(child, TimeFilter)]
    assert (time_filter.first, time_filter.span) == ("2022-03-01", 2)
    kyiv = next(f for f in features(maps.layers(frame)[1]) if f["properties"]["nm"] == "Kyiv")
    assert (kyiv["properties"]["ds"], kyiv["properties"]["de"]) == ("2022-03-01", "2022-03-03")
    chernihiv = next(f for f in features(maps.layers(frame)[0]) if f["properties"]["nm"] == "Chernihiv")
    assert chernihiv["properties"]["ds"] == "2022-03-01" and "de" not in chernihiv["properties"]
    one_day = maps.build_map(to_frame(incidents()[:2]))
    assert not any(isinstance(child, TimeFilter) for child in one_day._children.values())


def test_map_has_basemaps_layer_control_and_legend(frame):
    m = maps.build_map(frame)
    tiles = [child for child in m._children.values() if isinstance(child, folium.TileLayer)]
    assert len(tiles) == 3 and any("World_Imagery" in tile.tiles for tile in tiles)
    assert [tile.show for tile in tiles] == [True, False, False]  # one basemap at a time
    assert any(isinstance(child, folium.LayerControl) for child in m._children.values())


def test_offline_page_links_no_cdn_and_inlines_leaflet(frame):
    page = maps.build_map(frame, offline=True).get_root().render()
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', page)
    assert (ASSETS / "leaflet.js").read_text(encoding="utf-8") in page  # byte for byte, not templated
    assert "url(images/" not in page and "im-tile-notice" in page
    assert '<script src="https://cdn.jsdelivr.net/npm/leaflet' in maps.build_map(frame).get_root().render()


def test_empty_table_makes_an_empty_map_and_valid_files(tmp_path):
    empty = to_frame([])
    m = maps.build_map(empty)
    assert legend_counts(m) == {} and "No incidents" in m.get_root().render()
    maps.write_outputs(empty, tmp_path)
    assert json.loads((tmp_path / "incidents.geojson").read_text())["features"] == []
    assert json.loads((tmp_path / "layers.json").read_text()) == {"layers": []}
    assert len(gpd.read_file(tmp_path / "incidents.gpkg")) == 0
    assert len(gpd.read_parquet(tmp_path / "incidents.parquet")) == 0
    assert len(pd.read_csv(tmp_path / "incidents.csv")) == 0


def test_every_export_reads_back(frame, tmp_path):
    paths = maps.write_outputs(frame, tmp_path)
    assert set(paths) == set(maps.FORMATS) and all(path.exists() for path in paths.values())

    collection = json.loads((tmp_path / "incidents.geojson").read_text())
    assert list(collection["features"][0]["properties"]) == COLUMNS
    assert collection["features"][0]["properties"]["actors"] == ["Military Forces of Russia"]
    assert len(gpd.read_file(tmp_path / "incidents.geojson")) == 5

    manifest = json.loads((tmp_path / "layers.json").read_text())["layers"]
    assert [(layer["id"], layer["count"]) for layer in manifest] == [
        ("battles", 2), ("explosions-remote-violence", 1), ("country-level", 2)]
    for layer in manifest:
        assert len(gpd.read_file(tmp_path / layer["file"])) == layer["count"]
        assert set(layer) == {"id", "title", "colour", "icon", "count", "file"}

    tables = {name: len(gpd.read_file(tmp_path / "incidents.gpkg", layer=name))
              for name, _ in pyogrio.list_layers(tmp_path / "incidents.gpkg")}
    assert tables == {"battles": 2, "explosions_remote_violence": 1, "country_level": 2}

    parquet = gpd.read_parquet(tmp_path / "incidents.parquet")
    assert list(parquet.iloc[0]["sources"]) == ["https://example.org/a"] and len(parquet) == 5

    csv = pd.read_csv(tmp_path / "incidents.csv")
    assert list(csv.columns[:2]) == ["lat", "lng"] and {"date", "date_start", "date_end"} <= set(csv.columns)
    oblast = csv[csv.place_name == "Chernihiv Oblast"].iloc[0]
    assert OBLAST.contains(shapely.Point(oblast.lng, oblast.lat))

    fragment = (tmp_path / "map_fragment.html").read_text()
    assert "<html" not in fragment and "html, body" not in fragment and 'class="folium-map"' in fragment


@pytest.mark.parametrize("name", ["incidents.geojson", "incidents.gpkg", "incidents.parquet"])
def test_a_map_builds_from_exports_read_back(frame, tmp_path, name):
    maps.write_outputs(frame, tmp_path, formats=["geojson", "gpkg", "parquet"])
    path = tmp_path / name
    if name == "incidents.gpkg":
        back = pd.concat([gpd.read_file(path, layer=layer) for layer, _ in pyogrio.list_layers(path)])
    else:
        back = gpd.read_parquet(path) if name.endswith("parquet") else gpd.read_file(path)
    m = maps.build_map(back)
    assert legend_counts(m) == {"battles": 2, "explosions-remote-violence": 1, "country-level": 2}
    battle = next(f["properties"] for f in features(maps.layers(back)[0]) if "ac" in f["properties"])
    assert battle["dt"] == "2022-03-01" and battle["fa"] == 3
    # Lists come back as lists whatever the format stored them as, not as JSON text.
    assert battle["ac"] == "Military Forces of Russia"
    assert battle["sr"] == ["https://example.org/a"]


def test_parallel_writers_write_the_same_files(frame, tmp_path):
    serial, parallel = maps.write_outputs(frame, tmp_path / "1"), maps.write_outputs(frame, tmp_path / "2",
                                                                                        processes=3)
    # Not byte for byte: the map pages (folium gives their elements random ids) and the GeoPackage (it keeps
    # the time it was written).
    files = [path for name, path in serial.items() if name not in ("html", "fragment", "gpkg")]
    files += sorted((tmp_path / "1" / "layers").iterdir())
    assert [file.read_bytes() for file in files] == [
        (tmp_path / "2" / file.relative_to(tmp_path / "1")).read_bytes() for file in files]
    for name, _ in pyogrio.list_layers(serial["gpkg"]):
        assert gpd.read_file(serial["gpkg"], layer=name).equals(gpd.read_file(parallel["gpkg"], layer=name))
    assert parallel["html"].exists() and parallel["fragment"].exists()


def test_a_table_given_in_blocks_writes_the_files_it_writes_whole(frame, tmp_path):
    """A build hands a table too large for memory over a block at a time: the files must not depend on
    where the blocks fall (a layer that starts in the second block, a column empty in one block)."""
    whole = maps.write_outputs(frame, tmp_path / "whole")
    parts = [frame.iloc[:1], frame.iloc[1:3], frame.iloc[3:]]
    blocks = maps.write_outputs(iter(parts), tmp_path / "blocks")
    files = [whole[name] for name in ("geojson", "layers", "csv")]
    files += sorted((tmp_path / "whole" / "layers").iterdir())
    assert [file.read_bytes() for file in files] == [
        (tmp_path / "blocks" / file.relative_to(tmp_path / "whole")).read_bytes() for file in files]
    assert gpd.read_parquet(whole["parquet"]).equals(gpd.read_parquet(blocks["parquet"]))
    assert pq.read_schema(whole["parquet"]).metadata == pq.read_schema(blocks["parquet"]).metadata
    for name, _ in pyogrio.list_layers(whole["gpkg"]):
        assert gpd.read_file(whole["gpkg"], layer=name).equals(gpd.read_file(blocks["gpkg"], layer=name))
    # The legend is in the page's script, its markup JSON-escaped.
    counts = [re.findall(r'im-legend-count\\"\\u003e(\d+)', paths["html"].read_text())
              for paths in (whole, blocks)]
    assert counts[0] == counts[1] == ["2", "1", "2"]


def test_a_table_given_as_no_blocks_writes_empty_files(tmp_path):
    paths = maps.write_outputs([], tmp_path)
    assert json.loads(paths["geojson"].read_text())["features"] == []
    assert len(gpd.read_parquet(paths["parquet"])) == 0 and len(gpd.read_file(paths["gpkg"])) == 0


def test_saved_blocks_read_back_as_normalised_sharing_each_place_outline(frame, tmp_path):
    """Each writer reads the saved blocks back; rows about one place still share one geometry object, so
    an oblast's outline is encoded once per block, not once per row."""
    from maps.blocks import SavedBlocks

    twice = pd.concat([frame, frame], ignore_index=True)  # each area twice, as one geometry object
    with SavedBlocks(tmp_path) as blocks:
        blocks.save([frame.iloc[:1], twice])
        first, second = blocks()
        assert [len(block) for block in blocks()] == [1, 10]
    assert first.equals(normalise(frame.iloc[:1])) and second.equals(normalise(twice))
    areas = second[second.geom_type != "Point"]
    assert len(areas) == 6
    assert len({id(area) for area in areas.geometry.values}) == areas.place_id.nunique() == 2
    assert list(tmp_path.iterdir()) == []


def test_saved_blocks_are_read_as_soon_as_each_is_saved(frame, tmp_path):
    """Writers read a block while the next is being made: the reader here must have the first block
    before the second is made, or making it times out."""
    import queue
    import threading

    from maps.blocks import SavedBlocks

    read: queue.Queue = queue.Queue()

    def made():
        yield frame.iloc[:1]
        assert read.get(timeout=30) == 1
        yield frame.iloc[1:]

    with SavedBlocks(tmp_path) as blocks:
        reader = threading.Thread(target=lambda: [read.put(len(block)) for block in blocks()])
        reader.start()
        blocks.save(made())
        reader.join()
    assert read.get_nowait() == len(frame) - 1 and read.empty()


def test_blocks_that_fail_to_be_made_leave_no_output(frame, tmp_path):
    """The writers, forked before the blocks are made, must fail with the blocks rather than write files
    of the blocks made so far."""

    def made():
        yield frame.iloc[:2]
        raise OSError("No space left on device")

    with pytest.raises(OSError, match="No space"):
        maps.write_outputs(made(), tmp_path, processes=2)
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def test_display_geometry_simplifies_a_shared_outline_once(frame):
    from maps.frame import display_geometry

    table = normalise(pd.concat([frame, frame], ignore_index=True))
    shapes = display_geometry(table.geometry.values)
    areas = [shape for shape in shapes if shape["type"] != "Point"]
    places = table.place_id[table.geom_type != "Point"]
    assert len(areas) == 6 and len({id(shape) for shape in areas}) == places.nunique() == 2
    assert shapes[:5] == shapes[5:] and shapes[0]["type"] == "Point"


def test_formats_selects_files_and_rejects_unknown_names(frame, tmp_path):
    maps.write_outputs(frame, tmp_path, formats=["csv"])
    assert [path.name for path in tmp_path.iterdir()] == ["incidents.csv"]
    with pytest.raises(ValueError, match="unknown formats"):
        maps.write_outputs(frame, tmp_path, formats=["shapefile"])


def test_writes_are_atomic_and_leave_no_temporary_files(frame, tmp_path, monkeypatch):
    maps.write_outputs(frame, tmp_path)
    before = (tmp_path / "incidents.csv").read_text()
    leftovers = [path for path in tmp_path.rglob("*") if path.name.startswith(".") or "tmp" in path.name]
    assert leftovers == []

    def broken(_frame):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "csv_frame", broken)
    with pytest.raises(RuntimeError):
        maps.write_outputs(to_frame(incidents()[:1]), tmp_path, formats=["csv"])
    assert (tmp_path / "incidents.csv").read_text() == before
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".")) == []


def cluster_layers(m: folium.Map) -> list[ClusterLayer]:
    return [child for group in m._children.values() for child in getattr(group, "_children", {}).values()
            if isinstance(child, ClusterLayer)]


def test_large_maps_send_each_layer_as_compact_columns(frame, monkeypatch):
    monkeypatch.setattr(folium_map, "CLUSTER_ABOVE", 3)
    m = maps.build_map(frame)
    assert not m.options["prefer_canvas"]  # only what is in view is drawn: SVG keeps it clickable
    assert not any(geojson_children(group) for group in m._children.values()
                   if isinstance(group, folium.FeatureGroup))
    assert len(cluster_layers(m)) == 3
    battles, explosions, country = (Chunks().data(layer.rows) for layer in split(normalise(frame)))
    # Points first (coordinates as lng, lat pairs), then areas, each pointing at its outline.
    assert (battles["np"], battles["xy"], battles["ai"], len(battles["areas"])) == (1, [31.28, 51.5], [0], 1)
    assert battles["f"]["nm"] == ["Chernihiv", "Chernihiv Oblast"]
    assert battles["f"]["et"] == {"v": ["Battles"], "i": [0, 0]}  # repeated values stored once
    assert "de" not in battles["days"] and explosions["days"]["de"] == ["2022-03-03"]
    # Two reports about Ukraine, one outline.
    assert (country["np"], country["ai"], len(country["areas"])) == (0, [0, 0], 1)
    page = m.get_root().render()
    assert "supercluster@8.0.1" in page and "IncidentMap.clusterLayer(" in page


def test_an_outline_goes_with_the_first_chunk_about_its_area(frame):
    country = split(normalise(frame))[-1].rows  # two reports about Ukraine
    chunks = Chunks()
    first, second = chunks.data(country.iloc[:1]), chunks.data(country.iloc[1:])
    assert (first["ai"], len(first["areas"])) == ([0], 1)
    assert (second["ai"], second["areas"]) == ([0], [])
    assert second["f"]["tx"] == ["Talks announced."]


def test_a_large_map_given_in_blocks_has_a_chunk_per_block_of_each_layer(frame, tmp_path, monkeypatch):
    """The page is written a block at a time (maps/pagewriter.py): each layer's data as one chunk per
    block that has rows of it, in the place of its placeholder, in the page and the fragment."""
    monkeypatch.setattr(folium_map, "CLUSTER_ABOVE", 3)
    parts = [frame.iloc[:1], frame.iloc[1:3], frame.iloc[3:]]
    paths = maps.write_outputs(iter(parts), tmp_path, formats=["html", "fragment"])
    for text in (paths["html"].read_text(), paths["fragment"].read_text()):
        assert "<im-chunks" not in text
        calls = re.findall(r"IncidentMap\.clusterLayer\((\{.*?\}), \[(.*?)\]\)\.addTo", text)
        assert [json.loads(layer)["id"] for layer, _ in calls] == ["battles", "explosions-remote-violence",
                                                                   "country-level"]
        # Battles in blocks 1 and 2, the explosion in block 2, the country-level reports in 3.
        assert [chunks.count(",'{") for _, chunks in calls] == [2, 1, 1]
    counts = re.findall(r'im-legend-count\\"\\u003e(\d+)', paths["html"].read_text())
    assert counts == ["2", "1", "2"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["map.html", "map_fragment.html"]


def test_layers_carry_their_page_script_for_streamlit_folium(frame, monkeypatch):
    """streamlit-folium runs each element's script macro and drops inline header scripts: every layer
    group brings IncidentMap in a macro, and a rendered page has it once."""
    monkeypatch.setattr(folium_map, "CLUSTER_ABOVE", 3)
    for group in maps.layers(frame):
        first = next(iter(group._children.values()))
        assert "IncidentMap = window.IncidentMap ||" in first._template.module.script(first)
    m = maps.build_map(frame)
    (layer, *_) = cluster_layers(m)
    assert layer._template.module.script(layer) == layer.js()
    assert m.get_root().render().count("IncidentMap = window.IncidentMap ||") == 1


def test_columns_store_repeated_values_once():
    assert column(["a", "b", "c"]) == ["a", "b", "c"]
    assert column([["x"], ["x"], None, None]) == {"v": [["x"], None], "i": [0, 0, 1, 1]}


def test_offline_large_map_inlines_supercluster(frame, monkeypatch):
    monkeypatch.setattr(folium_map, "CLUSTER_ABOVE", 3)
    page = maps.build_map(frame, offline=True).get_root().render()
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', page)
    assert (ASSETS / "supercluster.min.js").read_text(encoding="utf-8") in page


def test_other_event_types_get_an_escaped_grey_layer():
    odd = Incident(CHERNIHIV, "<b>Looting</b>", "Looting", DAY, DAY, "Shops looted.", ("Reuters",))
    m = maps.build_map(to_frame([odd]))
    (group,) = [child for child in m._children.values() if isinstance(child, folium.FeatureGroup)]
    assert group.layer_name == "&lt;b&gt;Looting&lt;/b&gt;"  # Leaflet's layer control inserts markup
    legend = next(child for child in m._children.values() if isinstance(child, Legend))
    assert "&lt;b&gt;Looting&lt;/b&gt;" in legend.html and "<b>" not in legend.html


def test_geo_and_gazetteer_never_import_maps():
    repo = Path(maps.__file__).resolve().parent.parent
    for path in [*(repo / "geo").rglob("*.py"), *(repo / "gazetteer").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(name == "maps" or name.startswith("maps.") for name in names), path
