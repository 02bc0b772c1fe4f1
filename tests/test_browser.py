"""The written map in headless Chromium from file://, offline: layers, legend, popups, and hostile text."""

import json
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

import pytest
import shapely
from browser import chromium

import maps
from gazetteer import Place
from geo.incident import Incident, to_frame

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


@pytest.fixture(scope="module")
def session(browser, tmp_path_factory):
    out = tmp_path_factory.mktemp("map")
    maps.write_outputs(to_frame(incidents()), out, formats=["html", "layers"], offline=True)
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    s = Session(page, json.loads((out / "layers.json").read_text())["layers"])
    page.on("console", lambda message: message.type == "error" and s.errors.append(
        f"{message.text} at {message.location.get('url')}"))
    page.on("pageerror", lambda error: s.errors.append(str(error)))
    page.on("request", lambda request: request.url.startswith("file:") or s.remote.append(request.url))
    page.on("dialog", lambda dialog: (s.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((out / "map.html").as_uri())
    page.wait_for_selector(".leaflet-control-layers")
    page.wait_for_selector(".im-tile-notice")  # tiles cannot load here, and the page says so
    yield s


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


def test_date_sliders_hide_incidents_outside_the_chosen_days(session):
    page = session.page

    def slide(name: str, days: int) -> None:
        page.locator(f".im-time-{name}").evaluate(
            "(input, days) => { input.value = days; input.dispatchEvent(new Event('input'));"
            " input.dispatchEvent(new Event('change')); }", days)

    assert page.locator(".im-time-label").inner_text() == "2022-03-01 – 2022-03-05"
    slide("from", 2)
    assert page.locator(".im-time-label").inner_text() == "2022-03-03 – 2022-03-05"
    assert drawn(page, "path.im-battles") == drawn(page, "path.im-country-level") == 0
    assert drawn(page, "path.im-explosions-remote-violence") == 1
    slide("to", 1)  # the handles may cross: the range is always between them
    assert drawn(page, "path.im-feature") == 0
    slide("from", 0)
    slide("to", 4)
    assert drawn(page, "path.im-feature") == 4


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
