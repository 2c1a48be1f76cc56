package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mx.zocalo.server.catalog.PortalIris;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Minted URIs always come from the configured base IRI, never from a request; but when requests arrive at another
 * address than the base (a proxy sending {@code X-Forwarded-Host: datos.example.mx} to a portal whose base is still
 * {@code http://localhost:8080/}), the data's IRIs lead elsewhere than the pages. The first request from each such
 * address is told in the log, once (at most {@value #MAX_WARNINGS} addresses), with the setting that fixes it.
 */
final class BaseCheck {
    static final int MAX_WARNINGS = 8;
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.server");
    private final PortalIris iris;
    private final String baseOrigin;
    private final Set<String> told = ConcurrentHashMap.newKeySet();

    BaseCheck(PortalIris iris) {
        this.iris = iris;
        URI base = URI.create(iris.base());
        this.baseOrigin = origin(base.getScheme(), base.getHost(), base.getPort());
    }

    void check(Context ctx) {
        if (told.size() >= MAX_WARNINGS) return;
        String host = ctx.req().getServerName();
        if (host == null || host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")) return; // local checks, tests
        String origin = origin(ctx.scheme(), host, ctx.req().getServerPort());
        if (origin.equals(baseOrigin) || !told.add(origin)) return;
        LOG.warn("requests arrive at {} but the data's IRIs start with {}: pages work, links in the data lead to the base. "
                + "If {} is the public address, republish under it (--base {}/ --rebase) or set base: in zocalo.yaml",
                origin, iris.base(), origin, origin);
    }

    private static String origin(String scheme, String host, int port) {
        String s = scheme == null ? "http" : scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || s.equals("http") && port == 80 || s.equals("https") && port == 443;
        return s + "://" + (host == null ? "" : host.toLowerCase(Locale.ROOT)) + (defaultPort ? "" : ":" + port);
    }
}
