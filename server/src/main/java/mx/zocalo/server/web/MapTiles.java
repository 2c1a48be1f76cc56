package mx.zocalo.server.web;

/**
 * The map tiles drawn under the boundaries (for OpenStreetMap tiles in production), off by default: a URL template
 * with {@code {z}}, {@code {x}} and {@code {y}} ({@code https://tile.openstreetmap.org/{z}/{x}/{y}.png}) and the
 * attribution the tile provider asks for. Without a URL, maps draw the places' boundaries alone.
 */
public record MapTiles(String url, String attribution) {
    /** No tiles: the default. */
    public static final MapTiles NONE = new MapTiles(null, null);

    public MapTiles {
        if (url != null && url.isBlank()) url = null;
        if (url != null && !(url.contains("{z}") && url.contains("{x}") && url.contains("{y}"))) {
            throw new IllegalArgumentException("--tile-url must hold {z}, {x} and {y} (as https://tile.openstreetmap.org/{z}/{x}/{y}.png): " + url);
        }
        if (url != null && (attribution == null || attribution.isBlank())) {
            attribution = url.contains("openstreetmap.org") ? "© OpenStreetMap contributors" : url.replaceAll("^(https?://[^/]+).*", "$1");
        }
    }

    public boolean enabled() {
        return url != null;
    }
}
