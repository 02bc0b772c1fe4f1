/* incident-map's own page code (maps/offline.py, PageScript, adds it to each page): popups and tooltips, the
   date test of the time filter, and the clustered layer of large maps. Every value it places in markup
   was HTML-escaped in Python (maps/popup.py); this code only puts it between fixed labels. */
var IncidentMap = window.IncidentMap || (function () {
    "use strict";
    // Reports listed in one popup (an oblast or a town can have thousands): the rest are counted.
    var MAX_LISTED = 20;
    // Clusters are kept as at this zoom when zoomed in further, so reports at one place (or within
    // ~100 m) stay one bubble whose click lists them, not a stack of circles of which one can be clicked.
    var MAX_CLUSTER_ZOOM = 16;
    var POPUP = {maxWidth: 380, maxHeight: 320};

    var css = document.createElement("style");
    css.textContent = ".im-cluster div{width:100%;height:100%;border-radius:50%;display:flex;"
        + "align-items:center;justify-content:center;color:#fff;font:bold 11px sans-serif;opacity:.85;"
        + "text-shadow:0 0 2px #000;box-shadow:0 0 0 3px rgba(255,255,255,.6)}";
    document.head.appendChild(css);

    function flag(p) {
        var style = "color:#b30000;font-weight:bold";
        return p.fl ? '<span class="im-flag" style="' + style + '">' + p.vf + "</span>" : p.vf;
    }
    function line(label, html) { return "<div><b>" + label + ":</b> " + html + "</div>"; }
    // Sources are escaped strings: http(s) ones become links labelled with their host (so a
    // `javascript:` source never becomes a link); a part of an escaped string is escaped too.
    function source(s) {
        var host = /^https?:\/\/([^\/?#\s]+)/i.exec(s);
        return host ? '<a href="' + s + '" target="_blank" rel="noopener noreferrer">' + host[1] + "</a>" : s;
    }
    function incident(p) {
        var html = '<div class="im-incident"><div class="im-place"><b>' + p.nm + "</b>"
            + (p.nt ? " <small>(" + p.nt + ")</small>" : "") + "</div>"
            + line("Event", p.et + " — " + p.st) + line("Date", p.dt) + line("Verification", flag(p));
        if (p.fa !== undefined) { html += line("Fatalities", p.fa); }
        if (p.in !== undefined) { html += line("Injuries", p.in); }
        if (p.ac) { html += line("Actors", p.ac); }
        html += '<blockquote class="im-evidence" style="margin:4px 0;font-style:italic">' + p.tx
            + "</blockquote>";
        if (p.sr) { html += line("Sources", p.sr.map(source).join(" · ")); }
        return html + "</div>";
    }
    function reports(list, total) {
        var more = total - list.length;
        return list.map(incident).join("<hr>")
            + (more > 0 ? '<hr><div class="im-more">… and ' + more + " more</div>" : "");
    }
    function popup(p) { return p.reports ? reports(p.reports, p.reports.length) : incident(p); }
    function tooltip(p) {
        var n = p.reports ? p.reports.length : p.n;
        if (n) { return p.nm + ": " + n + " report" + (n === 1 ? "" : "s"); }
        return p.nm + " · " + (p.st || p.et) + " · " + p.dt + (p.fl ? " " + flag(p) : "");
    }
    // Whether an incident's days [ds, de] overlap range [first, last] (ISO days); undated ones always do.
    function inRange(p, range) {
        return !range || !p.ds || ((p.de || p.ds) >= range[0] && p.ds <= range[1]);
    }

    // One popup and one tooltip for a whole GeoJson layer, filled from the clicked feature's fields:
    // one Leaflet popup object per feature would triple the load time of a large map.
    function bindPopups(layer) {
        layer.bindPopup(function (f) { return popup(f.feature.properties); }, POPUP);
        layer.bindTooltip(function (f) { return tooltip(f.feature.properties); }, {sticky: true});
    }

    // Shows a GeoJson layer's features within range; returns how many incidents are shown. A
    // country's outline (p.reports) is shown while any of its reports is.
    function filterGeoJson(layer, range) {
        layer._imAll = layer._imAll || layer.getLayers();
        layer.clearLayers();
        var total = 0;
        layer._imAll.forEach(function (feature) {
            var p = feature.feature.properties;
            var shown = p.reports ? p.reports.filter(function (r) { return inRange(r, range); }).length
                : inRange(p, range) ? 1 : 0;
            if (shown) { layer.addLayer(feature); }
            total += shown;
        });
        return total;
    }

    // A column of maps/cluster.py: a plain array, or {v: distinct values, i: index of each row's value}.
    function cell(column, i) {
        if (!column) { return undefined; }
        return Array.isArray(column) ? column[i] : column.v[column.i[i]];
    }
    // The popup fields of row r ({c: its chunk, i: its row there}); a chunk's columns are parsed from their
    // JSON text on the first popup that needs them.
    function fields(r) {
        var c = r.c;
        c.f = c.f || JSON.parse(c.fieldsText);
        var p = {};
        Object.keys(c.f).forEach(function (key) {
            var value = cell(c.f[key], r.i);
            if (value !== null) { p[key] = value; }
        });
        return p;
    }

    // A large layer, sent as chunks (maps/cluster.py), each [columns, popup fields as JSON text]: in a
    // chunk, rows 0..np-1 are points (xy holds lng, lat pairs), the rest areas (ai: index into the
    // layer's outlines, which are each chunk's new `areas` in turn, one outline per place). Points are
    // clustered with supercluster and only the clusters and points in view are Leaflet layers, redrawn
    // when the map moves.
    var ClusterLayer = L.FeatureGroup.extend({
        initialize: function (data, chunks) {
            L.FeatureGroup.prototype.initialize.call(this);
            this._data = data;
            this._chunks = chunks.map(function (chunk) { chunk[0].fieldsText = chunk[1]; return chunk[0]; });
            this._points = L.featureGroup().addTo(this);
            this._areas = [];
            this._chunks.forEach(function (c) {
                c.areas.forEach(function (outline) {
                    this._areas.push(this._area(outline, this._areas.length));
                }, this);
            }, this);
            this.setRange(null);
        },
        // Shows the rows whose days overlap range (all when null); returns how many that is. Points and
        // each outline's reports keep the order of the rows, whatever the chunks.
        setRange: function (range) {
            var points = [], shown = 0, inArea = this._areas.map(function () { return []; });
            this._chunks.forEach(function (c) {
                for (var i = 0, n = c.ai.length + c.np; i < n; i++) {
                    if (range && !inRange({ds: cell(c.days.ds, i), de: cell(c.days.de, i)}, range)) {
                        continue;
                    }
                    shown += 1;
                    if (i < c.np) {
                        points.push({type: "Feature", properties: {c: c, i: i},
                                     geometry: {type: "Point", coordinates: [c.xy[2 * i], c.xy[2 * i + 1]]}});
                    } else {
                        inArea[c.ai[i - c.np]].push({c: c, i: i});
                    }
                }
            });
            this._inArea = inArea;
            this._index = new Supercluster({radius: 80, maxZoom: MAX_CLUSTER_ZOOM}).load(points);
            this._areas.forEach(function (area, a) {
                if (inArea[a].length) { this.addLayer(area); } else { this.removeLayer(area); }
            }, this);
            if (this._map) { this._redraw(); }
            return shown;
        },
        onAdd: function (map) {
            L.FeatureGroup.prototype.onAdd.call(this, map);
            map.on("moveend", this._redraw, this);
            this._redraw();
        },
        onRemove: function (map) {
            map.off("moveend", this._redraw, this);
            L.FeatureGroup.prototype.onRemove.call(this, map);
        },
        _redraw: function () {
            var b = this._map.getBounds(), bbox = [Math.max(b.getWest(), -180), Math.max(b.getSouth(), -90),
                                                   Math.min(b.getEast(), 180), Math.min(b.getNorth(), 90)];
            this._points.clearLayers();
            var zoom = Math.min(Math.round(this._map.getZoom()), MAX_CLUSTER_ZOOM);
            this._index.getClusters(bbox, zoom).forEach(function (c) {
                var at = [c.geometry.coordinates[1], c.geometry.coordinates[0]];
                this._points.addLayer(c.properties.cluster ? this._cluster(c.properties, at)
                    : this._point(c.properties, at));
            }, this);
        },
        _point: function (r, at) {
            var marker = L.circleMarker(at, this._data.pointStyle);
            marker.bindPopup(function () { return incident(fields(r)); }, POPUP);
            marker.bindTooltip(function () { return tooltip(fields(r)); }, {sticky: true});
            return marker;
        },
        _cluster: function (c, at) {
            var size = c.point_count < 100 ? 28 : c.point_count < 1000 ? 34 : 42, self = this, d = this._data;
            var marker = L.marker(at, {icon: L.divIcon({
                className: "im-cluster im-" + d.id, iconSize: [size, size],
                html: '<div style="background:' + d.colour + '">' + c.point_count_abbreviated + "</div>"})});
            marker.on("click", function () {
                var zoom = self._index.getClusterExpansionZoom(c.cluster_id);
                if (zoom <= MAX_CLUSTER_ZOOM) { self._map.setView(at, zoom); return; }
                var leaves = self._index.getLeaves(c.cluster_id, MAX_LISTED);
                var html = reports(leaves.map(function (leaf) { return fields(leaf.properties); }),
                                   c.point_count);
                L.popup(POPUP).setLatLng(at).setContent(html).openOn(self._map);
            });
            return marker;
        },
        _area: function (geometry, a) {
            var self = this, area = L.geoJSON(geometry, {style: this._data.areaStyle});
            // Areas go to the back when shown, so they never cover a point and the point stays clickable.
            area.on("add", function () { area.bringToBack(); });
            function shown() { return self._inArea[a].slice(0, MAX_LISTED).map(fields); }
            area.bindPopup(function () { return reports(shown(), self._inArea[a].length); }, POPUP);
            area.bindTooltip(function () {
                var n = self._inArea[a].length;
                return n === 1 ? tooltip(shown()[0]) : tooltip({nm: shown()[0].nm, n: n});
            }, {sticky: true});
            return area;
        }
    });

    return {bindPopups: bindPopups, filterGeoJson: filterGeoJson,
            clusterLayer: function (data, chunks) { return new ClusterLayer(data, chunks); }};
})();
