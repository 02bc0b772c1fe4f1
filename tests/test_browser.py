"""The written map in headless Chromium from file://, offline: layers, legend, popups, and hostile text."""

import json
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

import pandas as pd
import pytest
import shapely
from browser import chromium

import maps
from bench.map_bench import synthetic
from gazetteer import Place
from geo.incident import Incident, to_frame
from maps.cluster import CLUSTER_ABOVE

pytestmark = pytest.mark.browser

HOSTILE = 'Shelling <script>alert(1)</script> and <img src=x onerror="alert(2)"> near the bridge.'
TILE_HOSTS = {"tile.openstreetmap.org", "server.arcgisonline.com"}
DAY = date(2022, 3, 1)
LATER = date(2022, 3, 5)


def incidents() -> list[Incident]:
    chernihiv = Place(id="geonames:710735", name="Chernihiv", kind="city", lat=51.5, lon=31.28, country="UA",
                      geonameid=710735)
    kyiv = Place(id="geonames:703448", name="Kyiv", kind="city", lat=50.45, lon=30.52, country="UA",
                 geonameid=703448)
    oblast = Place(id="geonames:710734", name="Chernihiv Oblast", kind="admin1", lat=51.4, lon=32.6,
                   country="UA", geonameid=710734,
                   polygon_wkb=shapely.to_wkb(shapely.box(31.8, 50.6, 33.5, 52.3)))
    ukraine = Place(id="geonames:690791", name="Ukraine", kind="country", lat=49.0, lon=32.0, country="UA",
                    geonameid=690791, polygon_wkb=shapely.to_wkb(shapely.box(22.0, 44.0, 40.0, 52.4)))
    return [
        Incident(chernihiv, "Battles", "Armed clash", DAY, DAY, HOSTILE, ("https://example.org/a",)),
        Incident(oblast, "Battles", "Armed clash", DAY, DAY, "Clashes across the oblast.", ("Reuters",)),
        Incident(kyiv, "Explosions/Remote violence", "Air/drone strike", LATER, LATER, "A drone hit Kyiv.",
                 ("https://example.org/b",), verification="disputed"),
        Incident(ukraine, "Protests", "Peaceful protest", DAY, DAY, "Protests across the country.",
                 ("https://example.org/c",)),
    ]


@dataclass
class Session:
    page: object
    manifest: list[dict]
    errors: list[str] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser():
    with chromium() as running:
        yield running


def open_map(browser, page_file, manifest: list[dict]) -> Session:
    """The page with every console error, network request and dialog recorded."""
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    s = Session(page, manifest)
    page.on("console", lambda message: message.type == "error" and s.errors.append(
        f"{message.text} at {message.location.get('url')}"))
    page.on("pageerror", lambda error: s.errors.append(str(error)))
    page.on("request", lambda request: request.url.startswith("file:") or s.remote.append(request.url))
    page.on("dialog", lambda dialog: (s.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(page_file.as_uri())
    page.wait_for_selector(".leaflet-control-layers")
    page.wait_for_selector(".im-tile-notice")  # tiles cannot load here, and the page says so
    return s


def write_map(frame, out) -> list[dict]:
    maps.write_outputs(frame, out, formats=["html", "layers"], offline=True)
    return json.loads((out / "layers.json").read_text())["layers"]


@pytest.fixture(scope="module")
def session(browser, tmp_path_factory):
    out = tmp_path_factory.mktemp("map")
    return open_map(browser, out / "map.html", write_map(to_frame(incidents()), out))


def drawn(page, selector: str) -> int:
    """Features on the map: Leaflet removes a hidden layer's paths from the page."""
    return page.locator(selector).count()


def test_every_layer_is_in_the_layer_control(session):
    labels = session.page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert [label.strip() for label in labels] == [layer["title"] for layer in session.manifest]
    assert [layer["title"] for layer in session.manifest] == [
        "Battles", "Explosions/Remote violence", "Country-level reports"]


def test_toggling_a_layer_hides_its_features(session):
    page = session.page
    assert drawn(page, "path.im-battles") == 2
    toggle = page.locator(".leaflet-control-layers-overlays label", has_text="Battles").locator("input")
    toggle.uncheck()
    assert drawn(page, "path.im-battles") == 0
    assert drawn(page, "path.im-explosions-remote-violence") == 1
    toggle.check()
    assert drawn(page, "path.im-battles") == 2


def slider(page):
    def slide(name: str, days: int) -> None:
        page.locator(f".im-time-{name}").evaluate(
            "(input, days) => { input.value = days; input.dispatchEvent(new Event('input'));"
            " input.dispatchEvent(new Event('change')); }", days)
    return slide


def test_date_sliders_hide_incidents_outside_the_chosen_days(session):
    page = session.page
    slide = slider(page)

    assert page.locator(".im-time-label").inner_text() == "2022-03-01 – 2022-03-05"
    slide("from", 2)
    assert page.locator(".im-time-label").inner_text() == "2022-03-03 – 2022-03-05"
    assert drawn(page, "path.im-battles") == drawn(page, "path.im-country-level") == 0
    assert drawn(page, "path.im-explosions-remote-violence") == 1
    assert legend_counts(page) == {"battles": 0, "explosions-remote-violence": 1, "country-level": 0}
    slide("to", 1)  # the handles may cross: the range is always between them
    assert drawn(page, "path.im-feature") == 0
    slide("from", 0)
    slide("to", 4)
    assert drawn(page, "path.im-feature") == 4
    assert legend_counts(page) == {layer["id"]: layer["count"] for layer in session.manifest}


def legend_counts(page) -> dict[str, int]:
    rows = page.locator(".im-legend-row")
    return {rows.nth(i).get_attribute("data-layer"): int(rows.nth(i).locator(".im-legend-count").inner_text())
            for i in range(rows.count())}


def test_replay_steps_through_the_days(session):
    page = session.page
    play = page.locator(".im-time-play")
    play.click()  # the whole span is chosen: replay a day at a time from the first
    play.click()  # and pause (a step a second: this one may have come after a step or two)
    first, last = page.locator(".im-time-label").inner_text().split(" – ")
    assert first == last and play.inner_text() == "▶"
    assert sum(legend_counts(page).values()) == drawn(page, "path.im-feature")  # one each here
    slide = slider(page)
    slide("from", 0)
    slide("to", 4)


def test_legend_counts_match_the_data(session):
    for layer in session.manifest:
        row = session.page.locator(f'.im-legend-row[data-layer="{layer["id"]}"]')
        assert row.locator(".im-legend-title").inner_text() == layer["title"]
        assert int(row.locator(".im-legend-count").inner_text()) == layer["count"]
    assert {layer["id"]: layer["count"] for layer in session.manifest} == {
        "battles": 2, "explosions-remote-violence": 1, "country-level": 1}


def test_popup_shows_hostile_evidence_as_text_and_runs_nothing(session):
    page = session.page
    page.locator("path.im-battles.im-point").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert HOSTILE in popup.inner_text()
    assert popup.locator("script, img").count() == 0
    assert page.locator("img[src='x']").count() == 0
    page.wait_for_timeout(300)  # an injected onerror handler would have fired by now
    assert session.dialogs == []


def test_disputed_incident_is_marked(session):
    page = session.page
    page.locator("path.im-explosions-remote-violence.im-point").click()
    popup = page.locator(".leaflet-popup-content", has_text="A drone hit Kyiv.")
    assert "⚠ Disputed" in popup.inner_text()


def test_country_level_reports_open_from_the_outline(session):
    page = session.page
    page.locator("path.im-country-level").dispatch_event("click")  # its centre is under other features
    popup = page.locator(".leaflet-popup-content", has_text="Protests across the country.")
    popup.wait_for()
    assert "(country)" in popup.inner_text()


def test_no_console_errors_and_only_tiles_from_the_network(session):
    # Last of the tests on this page, so it also covers the clicks and toggles above.
    assert {urlsplit(url).hostname for url in session.remote} <= TILE_HOSTS
    tile_failures = ("Failed to load resource", "net::ERR")
    assert [e for e in session.errors if not (e.startswith(tile_failures) and "https://" in e)] == []


def test_fragment_embeds_in_a_host_page_without_restyling_it(browser, tmp_path):
    maps.write_outputs(to_frame(incidents()), tmp_path, formats=["fragment"], offline=True)
    host = tmp_path / "host.html"
    host.write_text('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:8px">'
                    "<h1>Report</h1>" + (tmp_path / "map_fragment.html").read_text(encoding="utf-8")
                    + "</body></html>", encoding="utf-8")
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(host.as_uri())
    page.wait_for_selector(".im-legend-row")
    assert page.locator("path.im-feature").count() == 4
    assert page.evaluate("getComputedStyle(document.body).marginTop") == "8px"
    assert page.locator(".incident-map").bounding_box()["height"] == 600
    assert errors == []


# A large map: clustered layers (maps/cluster.py) of synthetic incidents, and one hostile report alone
# south of Crimea, away from every synthetic place; its name also tries to end the JavaScript string
# that holds the popup fields. It is given in blocks, as a build does, so each layer's data is in several
# chunks (maps/pagewriter.py); the same table given whole makes `large_whole`, a chunk per layer.
LARGE = 20_000
BLOCKS = (0, 7_000, 15_000, None)  # where they start, and the last one's end
ALONE = (44.1, 36.6)
LONELY = "Lonely <b>Cape</b> \\' \\\""


@pytest.fixture(scope="module")
def large_frame():
    alone = Place(id="x:alone", name=LONELY, kind="city", lat=ALONE[0], lon=ALONE[1])
    hostile = Incident(alone, "Battles", "Armed clash", DAY, DAY, HOSTILE, ("https://example.org/z",))
    frame = pd.concat([synthetic(LARGE), to_frame([hostile])], ignore_index=True)
    assert len(frame) > CLUSTER_ABOVE
    return frame


@pytest.fixture(scope="module")
def large(browser, tmp_path_factory, large_frame):
    out = tmp_path_factory.mktemp("large")
    blocks = [large_frame.iloc[start:end] for start, end in zip(BLOCKS, BLOCKS[1:], strict=False)]
    s = open_map(browser, out / "map.html", write_map(iter(blocks), out))
    s.frame = large_frame
    return s


@pytest.fixture(scope="module")
def large_whole(browser, tmp_path_factory, large_frame):
    out = tmp_path_factory.mktemp("large-whole")
    return open_map(browser, out / "map.html", write_map(large_frame, out))


def zoom(page, lat: float, lng: float, level: int) -> None:
    # Returns nothing: Playwright would serialise the whole map object.
    page.evaluate("([lat, lng, level]) => { window[document.querySelector('.folium-map').id]"
                  ".setView([lat, lng], level, {animate: false}); }", [lat, lng, level])


def test_large_map_lists_every_layer_and_draws_clusters_and_areas(large):
    labels = large.page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert [label.strip() for label in labels] == [layer["title"] for layer in large.manifest]
    assert len(large.manifest) == 7  # six types and the country-level reports
    assert legend_counts(large.page) == {layer["id"]: layer["count"] for layer in large.manifest}
    assert drawn(large.page, ".im-cluster.im-battles") > 0
    assert drawn(large.page, "path.im-battles.im-area") > 0
    assert drawn(large.page, "path.im-country-level") == 1  # all country-level reports: one outline


def test_large_map_toggling_a_layer_hides_its_clusters_and_areas(large):
    page = large.page
    toggle = page.locator(".leaflet-control-layers-overlays label", has_text="Battles").locator("input")
    toggle.uncheck()
    assert drawn(page, ".im-battles") == 0
    assert drawn(page, ".im-cluster.im-protests") > 0
    toggle.check()
    assert drawn(page, ".im-cluster.im-battles") > 0


def test_large_map_popup_shows_hostile_evidence_as_text(large):
    page = large.page
    zoom(page, *ALONE, 14)
    page.locator("path.im-battles.im-point").click()  # the only incident there
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert HOSTILE in popup.inner_text() and LONELY in popup.inner_text()
    assert popup.locator("script, img, .im-place b b").count() == 0  # the name's <b> is text
    page.wait_for_timeout(300)  # an injected onerror handler would have fired by now
    assert large.dialogs == []


def test_large_map_lists_reports_at_one_place(large):
    page = large.page
    busiest = large.frame[large.frame.event_type == "Battles"].place_name.value_counts().index[0]
    place = large.frame[large.frame.place_name == busiest].geometry.iloc[0]
    zoom(page, place.y, place.x, 17)
    page.locator(".im-cluster.im-battles").click()  # more reports than one popup lists
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator(".im-incident").count() == 20 and "more" in popup.locator(".im-more").inner_text()
    assert busiest in popup.inner_text()


def test_large_map_date_filter_updates_layers_and_legend(large):
    page = large.page
    zoom(page, 48.4, 31.2, 6)
    first, last = large.frame.date_start.min(), large.frame.date_end.max()
    days = (date.fromisoformat(last) - date.fromisoformat(first)).days
    slider(page)("from", days - 30)
    start = page.locator(".im-time-label").inner_text().split(" – ")[0]
    ends = large.frame.date_end.fillna(large.frame.date_start)
    expected = large.frame[ends >= start]
    counts = legend_counts(page)
    assert counts["battles"] == (expected.event_type.eq("Battles") & expected.precision.ne("country")).sum()
    assert counts["country-level"] == expected.precision.eq("country").sum()
    slider(page)("from", 0)
    assert legend_counts(page) == {layer["id"]: layer["count"] for layer in large.manifest}


def test_large_map_from_blocks_has_every_incident_of_every_block(large):
    """The legend counts what the layers' data holds once the date filter has run: a chunk lost on the
    way into the page would show there."""
    slide = slider(large.page)
    slide("from", 1)
    slide("from", 0)
    frame = large.frame
    styles = [maps.COUNTRY_LEVEL if precision == "country" else maps.style_for(event_type)
              for precision, event_type in zip(frame.precision, frame.event_type, strict=True)]
    assert legend_counts(large.page) == pd.Series([style.id for style in styles]).value_counts().to_dict()


def popups(page, selector: str) -> list[str]:
    """The popup of each feature that selector finds, in turn (clicks sent to the feature itself, so
    features drawn over it do not take them). Closed popups fade out for a moment: the newest is last."""
    texts = []
    for i in range(page.locator(selector).count()):
        page.locator(selector).nth(i).dispatch_event("click")
        texts.append(page.locator(".leaflet-popup-content").last.inner_text())
    return texts


def test_large_map_from_blocks_shows_what_it_shows_from_one_block(large, large_whole):
    """Counts, outlines and popups are the same whether the layers came in one chunk or several."""
    busiest = large.frame[large.frame.event_type == "Battles"].place_name.value_counts().index[0]
    place = large.frame[large.frame.place_name == busiest].geometry.iloc[0]
    shown = []
    for s in (large, large_whole):
        zoom(s.page, 48.4, 31.2, 6)
        areas = sorted(popups(s.page, "path.im-battles.im-area")) + popups(s.page, "path.im-country-level")
        zoom(s.page, place.y, place.x, 17)
        shown.append((legend_counts(s.page), areas, popups(s.page, ".im-cluster.im-battles")))
    assert shown[0] == shown[1]
    counts, areas, busiest_popups = shown[0]
    assert counts == {layer["id"]: layer["count"] for layer in large.manifest}
    assert len(areas) == 25 and "more" in areas[-1]  # 24 oblasts, and the country's many reports
    assert len(busiest_popups) == 1 and busiest in busiest_popups[0] and "more" in busiest_popups[0]


def test_large_map_has_no_console_errors(large, large_whole):
    # Last of the large-map tests, so it covers the clicks, zooms and filters above.
    tile_failures = ("Failed to load resource", "net::ERR")
    for s in (large, large_whole):
        assert {urlsplit(url).hostname for url in s.remote} <= TILE_HOSTS
        assert [e for e in s.errors if not (e.startswith(tile_failures) and "https://" in e)] == []
