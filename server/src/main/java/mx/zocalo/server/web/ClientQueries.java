package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one client address may ask of the public queries ({@code /sparql} and the row API), so that one address cannot
 * take the query slots from the others (the Wikidata Query Service limits each address the same two ways):
 * <ul>
 * <li>at most {@code perClient} queries running or waiting at once; the next is refused {@code 429 too-many};</li>
 * <li>at most {@code secondsPerMinute} seconds of query time a minute: each address has a budget of that many seconds,
 * filled again at that many seconds a minute, from which the running time of each query is taken when it ends; an
 * address whose budget is spent is refused {@code 429 out-of-time} until it is positive again (with Retry-After
 * saying when). A whole slot's time (60 s a minute) lets one address run one query after another all day; two at
 * once, all the time, spend it within a few minutes.</li>
 * </ul>
 * A client is the request's address, the proxy's {@code X-Forwarded-For} with {@code --behind-proxy}. Without it, a
 * request from this machine that carries {@code X-Forwarded-For} comes through a proxy that was not declared: every
 * client behind it would share one address, so such requests are not limited per client (and a warning says so once).
 * With it, the forwarded address is the client, whatever it is (a forged {@code 127.0.0.1} is not a way out). Addresses with nothing running and a full budget are forgotten.
 */
final class ClientQueries {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.sparql");
    private static final long MINUTE_NANOS = 60_000_000_000L;
    /** Every so many admissions, addresses with nothing running and a full budget are dropped. */
    private static final int SWEEP_EVERY = 1_024;
    private final int perClient;
    private final long budgetNanos;
    private final boolean behindProxy;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, State> clients = new ConcurrentHashMap<>();
    private final AtomicInteger sinceSweep = new AtomicInteger();
    private final AtomicBoolean warned = new AtomicBoolean();

    /** What an address has: queries now, and its budget of query time when last filled. */
    private static final class State {
        int running;
        long budget;
        long filledAt;
    }

    /** Whether a query may run: {@code code} ({@code too-many}, {@code out-of-time}) and Retry-After seconds when not. */
    record Admission(boolean admitted, String code, long retryAfterSeconds) {
        static final Admission YES = new Admission(true, null, 0);
    }

    /**
     * @param perClient        the most queries of one address at once; 0 for no limit
     * @param secondsPerMinute the query time one address may use a minute; 0 for no limit
     */
    ClientQueries(int perClient, int secondsPerMinute, boolean behindProxy) {
        this(perClient, secondsPerMinute, behindProxy, System::nanoTime);
    }

    ClientQueries(int perClient, int secondsPerMinute, boolean behindProxy, LongSupplier clock) {
        if (perClient < 0) throw new IllegalArgumentException("Negative limit per client: " + perClient);
        if (secondsPerMinute < 0) throw new IllegalArgumentException("Negative query time per client: " + secondsPerMinute);
        this.perClient = perClient;
        this.behindProxy = behindProxy;
        this.budgetNanos = secondsPerMinute * 1_000_000_000L;
        this.clock = clock;
    }

    private boolean limits() {
        return perClient > 0 || budgetNanos > 0;
    }

    /** The address a request counts against, or {@code null} when it is not limited (no limit, or an undeclared proxy). */
    String client(Context ctx) {
        if (!limits()) return null;
        String ip = ctx.ip();
        if (!behindProxy && ctx.header("X-Forwarded-For") != null && isLoopback(ip)) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("queries come through a proxy on this machine ({} with X-Forwarded-For) but the portal runs without "
                        + "--behind-proxy: every client shares the proxy's address, so queries are not limited per client; "
                        + "start it with --behind-proxy (behind-proxy: true)", ip);
            }
            return null;
        }
        return ip;
    }

    /** Counts a query of {@code client} in, or says why not (nothing counted then). */
    Admission enter(String client) {
        if (client == null || !limits()) return Admission.YES;
        if (sinceSweep.incrementAndGet() >= SWEEP_EVERY) {
            sinceSweep.set(0);
            sweep();
        }
        Admission[] answer = {Admission.YES};
        long now = clock.getAsLong();
        clients.compute(client, (k, s) -> {
            if (s == null) {
                s = new State();
                s.budget = budgetNanos;
                s.filledAt = now;
            }
            fill(s, now);
            if (perClient > 0 && s.running >= perClient) {
                answer[0] = new Admission(false, "too-many", 5);
            } else if (budgetNanos > 0 && s.budget <= 0) {
                double refill = (double) -s.budget * MINUTE_NANOS / budgetNanos; // nanos until the budget is back at 0
                answer[0] = new Admission(false, "out-of-time", Math.max(1, (long) Math.ceil(refill / 1e9)));
            } else {
                s.running++;
            }
            return s;
        });
        return answer[0];
    }

    /** Counts a query of {@code client} out (once per admitted {@link #enter}), taking {@code nanos} from its budget. */
    void leave(String client, long nanos) {
        if (client == null || !limits()) return;
        long now = clock.getAsLong();
        clients.computeIfPresent(client, (k, s) -> {
            fill(s, now);
            s.running = Math.max(0, s.running - 1);
            if (budgetNanos > 0) s.budget -= Math.max(0, nanos);
            return s;
        });
    }

    private void fill(State s, long now) {
        if (budgetNanos <= 0) return;
        long elapsed = now - s.filledAt;
        if (elapsed <= 0) return;
        // the whole budget again each minute, in proportion to the time gone
        long add = elapsed >= MINUTE_NANOS ? budgetNanos : (long) (elapsed * (double) budgetNanos / MINUTE_NANOS);
        s.budget = Math.min(budgetNanos, s.budget + add);
        s.filledAt = now;
    }

    private void sweep() {
        long now = clock.getAsLong();
        for (Map.Entry<String, State> e : clients.entrySet()) {
            clients.computeIfPresent(e.getKey(), (k, s) -> {
                fill(s, now);
                return s.running == 0 && (budgetNanos == 0 || s.budget >= budgetNanos) ? null : s;
            });
        }
    }

    int perClient() {
        return perClient;
    }

    /** The values of a refusal's message: {@code n} queries at once, {@code seconds} a minute, {@code wait} seconds. */
    Map<String, String> values(Admission a) {
        return Map.of("n", String.valueOf(perClient), "seconds", String.valueOf(secondsPerMinute()), "wait", String.valueOf(a.retryAfterSeconds()));
    }

    /** The query time one address may use a minute, in seconds. */
    long secondsPerMinute() {
        return budgetNanos / 1_000_000_000L;
    }

    /** How many addresses are remembered now (for tests). */
    int remembered() {
        sweep();
        return clients.size();
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
