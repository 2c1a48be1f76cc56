package mx.zocalo.server.cli;

import mx.zocalo.server.web.MapTiles;
import picocli.CommandLine.Option;

/** {@code --tile-url} and {@code --tile-attribution} of {@code serve} and {@code demo}: tiles under the maps, off by default. */
final class MapTileOptions {
    @Option(names = "--tile-url", paramLabel = "TEMPLATE",
            description = "Map tiles drawn under the boundaries of maps, a URL template with {z}, {x} and {y} "
                    + "(e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png). Default: none (boundaries alone; no network needed).")
    String url;

    @Option(names = "--tile-attribution", paramLabel = "TEXT",
            description = "The attribution the tile provider asks for, shown under each map. Default: for openstreetmap.org, "
                    + "\"© OpenStreetMap contributors\"; else the tile server's address.")
    String attribution;

    MapTiles tiles() {
        return new MapTiles(url, attribution);
    }
}
