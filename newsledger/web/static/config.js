/* Site configuration of the newsledger web UI. The map draws an offline basemap (Natural
   Earth countries from the world-atlas package, shipped in vendor/) and makes no request
   outside this server. To draw tiles from a tile server instead, set `tiles` to its URL
   template here, e.g. "https://tile.openstreetmap.org/{z}/{x}/{y}.png" with its attribution,
   or open the map with ?tiles=<URL template>. */
window.NEWSLEDGER_CONFIG = {
  tiles: null,
  tilesAttribution: "",
};
