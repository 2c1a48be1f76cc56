package mx.zocalo.server.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;
import mx.zocalo.server.ops.AccessLog;
import mx.zocalo.server.ops.PortalMetrics;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Option;

/**
 * The operations options of {@code serve} and {@code demo}: who may read {@code /metrics}, where the access log goes,
 * and whether logs are text or JSON.
 */
final class OpsOptions {
    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "The address to listen on, e.g. 127.0.0.1 behind a reverse proxy on the same machine. Default: every address")
    String bind;

    @Option(names = "--behind-proxy",
            description = "Trust the X-Forwarded-For, -Proto and -Host headers (and Forwarded) of a reverse proxy in front: "
                    + "client addresses for throttling and the audit log, https for cookies. Only behind a proxy that sets them.")
    boolean behindProxy;

    @Option(names = "--shutdown-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "On SIGTERM: how long running requests (a publish among them) may take to finish before they are "
                    + "ended (a publish then rolls back). Default: ${DEFAULT-VALUE}")
    int shutdownTimeout;

    @Option(names = "--metrics", paramLabel = "off|local|token:SECRET", defaultValue = "local",
            description = "Who may read /metrics (Prometheus): nobody, this machine only (loopback, no proxy), or requests "
                    + "with 'Authorization: Bearer SECRET' (16 characters at least). Default: ${DEFAULT-VALUE}")
    String metrics;

    @Option(names = "--access-log", paramLabel = "FILE|-|off", defaultValue = "off",
            description = "One line per request (NCSA combined format plus the duration, or JSON with --log-format json): "
                    + "to FILE (appended), to standard output (-), or off. Default: ${DEFAULT-VALUE}")
    String accessLog;

    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "text",
            description = "Logs on standard error as text lines or one JSON object per line (for a log collector); the "
                    + "access log follows. Default: ${DEFAULT-VALUE}")
    String logFormat;

    /** Switches the logs to JSON when asked: the first thing a command does, so that every line is alike. */
    void logs() {
        if (json()) jsonLogs();
    }

    private boolean json() {
        return switch (logFormat) {
            case "text" -> false;
            case "json" -> true;
            default -> throw new IllegalArgumentException("--log-format is text or json, not '" + logFormat + "'");
        };
    }

    /** The server's metrics access and access log from these options. */
    mx.zocalo.server.web.PortalServer.Builder apply(mx.zocalo.server.web.PortalServer.Builder b, Path dataDir) {
        boolean json = json();
        AccessLog.Format format = json ? AccessLog.Format.JSON : AccessLog.Format.COMBINED;
        AccessLog log = switch (accessLog) {
            case "off" -> AccessLog.off();
            case "-" -> AccessLog.toLogger(format);
            default -> AccessLog.toFile(Path.of(accessLog), format);
        };
        if (dataDir != null) {
            PortalMetrics.watchStore(dataDir);
            b.control(dataDir);
        }
        if (bind != null) b.host(bind);
        b.behindProxy(behindProxy);
        if (shutdownTimeout < 0) throw new IllegalArgumentException("--shutdown-timeout is 0 or more seconds");
        b.stopTimeout(java.time.Duration.ofSeconds(shutdownTimeout));
        return b.metrics(metrics).accessLog(log);
    }

    /** Reconfigures logging with {@code log4j2-json.xml}: JSON lines on standard error, access lines as they are. */
    static void jsonLogs() {
        try {
            var url = OpsOptions.class.getClassLoader().getResource("log4j2-json.xml");
            if (url == null) throw new IllegalStateException("log4j2-json.xml is missing from the jar");
            Configurator.reconfigure(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
