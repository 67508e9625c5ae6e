"""The web UI: static pages in ``static/`` (map, article, stories), served at ``/`` by the
HTTP API (``newsledger.api``). Plain HTML, CSS and JavaScript with vendored Leaflet and a
Natural Earth basemap: no build step and no request outside the server."""
