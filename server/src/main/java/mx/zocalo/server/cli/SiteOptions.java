package mx.zocalo.server.cli;

import java.util.List;
import mx.zocalo.server.web.PortalServer;
import mx.zocalo.server.web.SiteIdentity;
import picocli.CommandLine.Option;

/**
 * The site options of {@code serve}, {@code demo} and {@code replica}: what the office calls its portal (name, logo, contact), the
 * languages it offers, and the memory of its caches. Like every option, each is also a key of {@code zocalo.yaml} and a
 * {@code ZOCALO_…} variable; a bad value stops start-up naming the option and its key.
 */
final class SiteOptions {
    @Option(names = "--site-name", paramLabel = "TEXT",
            description = "The portal's name in every page title, the header, the footer and embedded charts. Default: Zócalo")
    String siteName;

    @Option(names = "--logo", paramLabel = "FILE|URL",
            description = "A logo shown in the header, its text the site's name: an image file (.png, .jpg, .gif, .svg or "
                    + ".webp, up to 1 MB; served at /logo.EXT, read at start-up) or the http(s) address of one. Default: none")
    String logo;

    @Option(names = "--contact", paramLabel = "EMAIL|URL",
            description = "Whom to write to, shown in the footer: an e-mail address (a mailto: link) or an http(s) page. Default: none")
    String contact;

    @Option(names = "--languages", paramLabel = "es,en", split = ",", defaultValue = "es,en",
            description = "The languages the pages are offered in, the default first (when a reader's Accept-Language "
                    + "matches none); with one alone there is no language switch. Default: ${DEFAULT-VALUE}")
    List<String> languages;

    @Option(names = "--page-cache-mb", paramLabel = "N", defaultValue = "64",
            description = "Memory for rendered pages, kept until the next publish; 0 keeps none (each page is made on "
                    + "every request). Default: ${DEFAULT-VALUE}")
    int pageCacheMb;

    @Option(names = "--query-cache-cells", paramLabel = "N", defaultValue = "4000000",
            description = "SPARQL answers kept until the next publish, counted in cells (rows × variables, or triples × 3; "
                    + "about 100 bytes each); 0 keeps none. Default: ${DEFAULT-VALUE}")
    long queryCacheCells;

    /** The site's identity, checked: called before the store opens so that a bad value stops start-up at once. */
    SiteIdentity identity() {
        if (pageCacheMb < 0) throw new IllegalArgumentException("--page-cache-mb (key page-cache-mb) is 0 or more: " + pageCacheMb);
        if (queryCacheCells < 0) {
            throw new IllegalArgumentException("--query-cache-cells (key query-cache-cells) is 0 or more: " + queryCacheCells);
        }
        return SiteIdentity.of(siteName, logo, contact, languages);
    }

    /** The server with this identity and these cache sizes. */
    PortalServer.Builder apply(PortalServer.Builder b, SiteIdentity identity) {
        return b.site(identity).pageCacheBytes((long) pageCacheMb << 20).queryCacheCells(queryCacheCells);
    }
}
