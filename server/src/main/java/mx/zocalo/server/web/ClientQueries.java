package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many public queries ({@code /sparql} and the row API) one client address has running or waiting at once: at most
 * {@code perClient}; the next is refused ({@code 429 too-many}), so that one address cannot take every query slot and
 * waiting place from the others (as the Wikidata Query Service limits each address). A client is the request's address,
 * the proxy's {@code X-Forwarded-For} with {@code --behind-proxy}. A request from this machine that carries
 * {@code X-Forwarded-For} while the portal does not believe it comes through a proxy that was not declared: every
 * client behind it would share one address, so such requests are not limited per client (and a warning says so once).
 */
final class ClientQueries {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.sparql");
    private final int perClient;
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean warned = new AtomicBoolean();

    /** @param perClient the most queries of one address at once; 0 for no limit */
    ClientQueries(int perClient) {
        if (perClient < 0) throw new IllegalArgumentException("Negative limit per client: " + perClient);
        this.perClient = perClient;
    }

    /** The address a request counts against, or {@code null} when it is not limited (no limit, or an undeclared proxy). */
    String client(Context ctx) {
        if (perClient == 0) return null;
        String ip = ctx.ip();
        if (ctx.header("X-Forwarded-For") != null && isLoopback(ip)) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("queries come through a proxy on this machine ({} with X-Forwarded-For) but the portal runs without "
                        + "--behind-proxy: every client shares the proxy's address, so queries are not limited per client; "
                        + "start it with --behind-proxy (behind-proxy: true)", ip);
            }
            return null;
        }
        return ip;
    }

    /** Counts a query of {@code client} in: false when it already has the most at once (nothing counted then). */
    boolean enter(String client) {
        if (client == null) return true;
        boolean[] admitted = {false};
        inFlight.compute(client, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= perClient) return n;
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0];
    }

    /** Counts a query of {@code client} out (once per {@link #enter} that said true). */
    void leave(String client) {
        if (client == null) return;
        inFlight.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
    }

    int perClient() {
        return perClient;
    }

    /** How many addresses have a query now (for tests). */
    int clients() {
        return inFlight.size();
    }

    private static boolean isLoopback(String ip) {
        if (ip == null) return false;
        if (ip.startsWith("127.") || ip.equals("::1") || ip.equals("0:0:0:0:0:0:0:1") || ip.equals("[::1]")) return true;
        try {
            return ip.indexOf(':') >= 0 && InetAddress.getByName(ip.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
