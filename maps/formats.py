"""The output formats `write_outputs` (and the CLI's --formats) offers, with the file each writes.

Kept apart from the writers so that naming them costs no folium or geopandas import.
"""

FORMATS = ("geojson", "html", "fragment", "layers", "gpkg", "parquet", "csv")
FILES = {"geojson": "incidents.geojson", "html": "map.html", "fragment": "map_fragment.html",
         "layers": "layers.json", "gpkg": "incidents.gpkg", "parquet": "incidents.parquet",
         "csv": "incidents.csv"}
