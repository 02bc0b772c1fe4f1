"""incident-map: conflict news to a layered map. The command line lives in `incident_map.cli`."""
