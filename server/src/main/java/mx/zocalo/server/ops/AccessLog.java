package mx.zocalo.server.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request answered, written by Jetty once the answer is complete — so requests that Jetty itself refuses
 * (a malformed request line, headers too large) are logged too — and timed into {@link PortalMetrics#request}.
 *
 * <p>Two formats: {@link Format#COMBINED}, the NCSA combined log format that nginx, Apache and every log tool read, with
 * the duration in milliseconds appended; and {@link Format#JSON}, one JSON object per line (time, remote, method, path,
 * query, protocol, status, bytes, referer, agent, route, ms) for log collectors. Lines go to a file (appended, the
 * usual logrotate {@code copytruncate} works) or, without one, to the {@code zocalo.access} logger.
 *
 * <p>The route pattern ({@code /dataset/{slug}}) is left on the request by the portal ({@link #ROUTE}); Jetty's own
 * refusals have none ({@code unmatched}).
 */
public final class AccessLog implements RequestLog, AutoCloseable {
    /** The request attribute holding the pattern of the route that answered. */
    public static final String ROUTE = "zocalo.route";

    /** How lines are written. */
    public enum Format { COMBINED, JSON }

    private static final Logger LOG = LoggerFactory.getLogger("zocalo.access");
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Format format;
    private final java.io.Writer file;
    private final boolean enabled;

    private AccessLog(Format format, java.io.Writer file, boolean enabled) {
        this.format = format;
        this.file = file;
        this.enabled = enabled;
    }

    /** Lines to the {@code zocalo.access} logger (standard error with the default logging). */
    public static AccessLog toLogger(Format format) {
        return new AccessLog(format, null, true);
    }

    /** Lines appended to {@code path} (created with its folder). */
    public static AccessLog toFile(Path path, Format format) {
        try {
            if (path.toAbsolutePath().getParent() != null) Files.createDirectories(path.toAbsolutePath().getParent());
            return new AccessLog(format, Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the access log " + path + ": " + e.getMessage(), e);
        }
    }

    /** No lines; requests are still timed for {@code /metrics}. */
    public static AccessLog off() {
        return new AccessLog(Format.COMBINED, null, false);
    }

    @Override
    public void log(Request request, Response response) {
        long nanos = System.nanoTime() - request.getBeginNanoTime();
        Object route = request.getAttribute(ROUTE);
        String method = request.getMethod();
        int status = response.getStatus();
        PortalMetrics.request(method == null ? "UNKNOWN" : method, route == null ? "unmatched" : route.toString(), status, nanos);
        if (!enabled) return;
        String line = line(request, response, nanos, route);
        if (file == null) {
            LOG.info(line);
            return;
        }
        synchronized (this) {
            try {
                file.write(line);
                file.write('\n');
                file.flush();
            } catch (IOException e) {
                LOG.warn("cannot write the access log: {}", e.getMessage());
            }
        }
    }

    String line(Request request, Response response, long nanos, Object route) {
        var uri = request.getHttpURI();
        String path = uri == null ? "" : uri.getPathQuery();
        String remote = Request.getRemoteAddr(request);
        String referer = request.getHeaders().get("Referer");
        String agent = request.getHeaders().get("User-Agent");
        long bytes = Response.getContentBytesWritten(response);
        long ms = nanos / 1_000_000;
        Instant at = Instant.ofEpochMilli(Request.getTimeStamp(request));
        String protocol = request.getConnectionMetaData().getProtocol();
        if (format == Format.JSON) {
            StringBuilder b = new StringBuilder(256).append('{');
            field(b, "time", at.toString()).append(',');
            field(b, "remote", remote).append(',');
            field(b, "method", request.getMethod()).append(',');
            field(b, "path", uri == null ? null : uri.getPath()).append(',');
            field(b, "query", uri == null ? null : uri.getQuery()).append(',');
            field(b, "protocol", protocol).append(',');
            b.append("\"status\":").append(response.getStatus()).append(',');
            b.append("\"bytes\":").append(bytes).append(',');
            field(b, "referer", referer).append(',');
            field(b, "agent", agent).append(',');
            field(b, "route", route == null ? null : route.toString()).append(',');
            b.append("\"ms\":").append(ms);
            return b.append('}').toString();
        }
        return remote + " - - [" + CLF.format(at) + "] \"" + clean(request.getMethod()) + " " + clean(path) + " " + clean(protocol)
                + "\" " + response.getStatus() + " " + (bytes > 0 ? Long.toString(bytes) : "-") + " \"" + orDash(referer)
                + "\" \"" + orDash(agent) + "\" " + ms + "ms";
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : clean(s);
    }

    /** Quotes and control characters escaped, so one request stays one line that parsers split right. */
    private static String clean(String s) {
        if (s == null) return "-";
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c == 0x7f) b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        b.append('"').append(name).append("\":");
        if (value == null) return b.append("null");
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"');
    }

    @Override
    public void close() {
        if (file == null) return;
        synchronized (this) {
            try {
                file.close();
            } catch (IOException e) {
                LOG.warn("cannot close the access log: {}", e.getMessage());
            }
        }
    }
}
