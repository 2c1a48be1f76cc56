package mx.zocalo.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code zocalo} command in its own JVM (this process's class path, main class {@link ZocaloCommand}), its log read
 * line by line as it comes, with the phase of the work each line starts; it can be killed with SIGKILL
 * ({@link Process#destroyForcibly}, {@code kill -9} on Linux) at a moment, or right after a phase's first line.
 */
final class CrashChild {
    /** One line of the child's output, {@code ms} after it started. */
    record Line(long ms, String text) {}

    /** The pause before each step of a publish's file swap in the children, so that random kills land between them. */
    static final long SWAP_PAUSE_MS = 250;
    private final Process process;
    private final long started = System.nanoTime();
    private final List<Line> lines = new ArrayList<>();
    private final Thread reader;
    private volatile String phase = "starting";
    private volatile String killAt;
    private volatile long killDelayMs;
    private volatile long killedMs = -1;
    private volatile String killedPhase;
    private volatile boolean onLine;

    private CrashChild(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "crash-child-log");
        reader.setDaemon(true);
    }

    /** Starts {@code zocalo ARGS...}; when {@code killAt} is a phase, killed {@code delayMs} after its first line. */
    static CrashChild start(Path work, String killAt, long delayMs, String... args) throws IOException {
        Path config = work.resolve("log4j2-crash.xml");
        if (!Files.exists(config)) Files.writeString(config, LOG_CONFIG, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Dlog4j2.configurationFile=" + config.toAbsolutePath(),
                "-D" + mx.zocalo.server.publish.Versions.PAUSE + "=" + SWAP_PAUSE_MS,
                "-cp", System.getProperty("java.class.path"), ZocaloCommand.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        CrashChild c = new CrashChild(p);
        c.killAt = killAt;
        c.killDelayMs = delayMs;
        c.reader.start();
        return c;
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String next = phaseOf(line, phase);
                synchronized (lines) {
                    lines.add(new Line(ms(), line));
                }
                boolean entered = !next.equals(phase);
                phase = next;
                if (entered && next.equals(killAt)) {
                    if (killDelayMs > 0) Thread.sleep(killDelayMs);
                    onLine = true;
                    kill();
                }
            }
        } catch (IOException e) {
            // the child is gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The phase a log line starts, else {@code current}. Publish: reading, converting, loading, catalog, swapping,
     * files (the commit is done: the files are swapped in), indexing, done. Harvest: reading, writing, indexing.
     * Serve: serving. The steps of the file swap are phases of their own ({@code files:...}).
     */
    static String phaseOf(String line, String current) {
        if (line.contains("reading the table") || line.contains("reading the source")) return "reading";
        if (line.contains("the new version is served")) return "committed";
        if (line.contains("table read and described") || line.contains("converting into")) return "converting";
        if (line.contains(": loading")) return "loading";
        if (line.contains("converted into the store") || line.contains("catalog (previews")) return "catalog";
        if (line.contains("swapping the new generation")) return "swapping";
        if (line.contains("swapping the files in: the previous")) return "files:previous-moved";
        if (line.contains("swapping the files in: the staged")) return "files:staged-moved";
        if (line.contains("swapping the files in: the history")) return "files:history";
        if (line.contains("swapping the files in: done")) return "files:pending-deleted";
        if (line.contains("swapping the files in")) return "files";
        if (line.contains(": published ")) return "done";
        if (line.contains("datasets read, writing")) return "writing";
        if (line.contains("harvested ") && line.contains(" datasets from ")) return "indexing";
        if (line.contains(" index: ")) return "indexing";
        if (line.contains("serving ") && line.contains(" on http")) return "serving";
        return current;
    }

    /** Kills the child now (SIGKILL) and waits for it to be gone; remembers when and in which phase. */
    synchronized void kill() throws InterruptedException {
        if (killedMs >= 0 || !process.isAlive()) return;
        killedPhase = phase;
        killedMs = ms();
        process.destroyForcibly();
        process.waitFor();
    }

    /** Waits up to {@code ms} for the child to end by itself (or be killed); whether it ended. */
    boolean waitFor(long ms) throws InterruptedException {
        boolean ended = process.waitFor(ms, TimeUnit.MILLISECONDS);
        if (ended) reader.join(2000);
        return ended;
    }

    boolean alive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    String phase() {
        return phase;
    }

    long killedMs() {
        return killedMs;
    }

    /** The phase the child was in when killed, with " (on its line)" when the kill followed that phase's first line. */
    String killedPhase() {
        return killedPhase + (onLine ? " (on its line)" : "");
    }

    long ms() {
        return (System.nanoTime() - started) / 1_000_000;
    }

    List<Line> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    String log() {
        StringBuilder b = new StringBuilder();
        for (Line l : lines()) b.append(l.ms()).append(" ms  ").append(l.text()).append('\n');
        return b.toString();
    }

    /** The child's log configuration: the portal's, with the publish's and harvest's phase lines (DEBUG) shown. */
    private static final String LOG_CONFIG = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Configuration status="WARN">
              <Appenders>
                <Console name="stderr" target="SYSTEM_ERR">
                  <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level %c{1} - %msg%n"/>
                </Console>
              </Appenders>
              <Loggers>
                <Logger name="zocalo" level="info"/>
                <Logger name="zocalo.publish" level="debug"/>
                <Logger name="zocalo.harvest" level="debug"/>
                <Logger name="org.apache.jena" level="warn"/>
                <Logger name="org.eclipse.jetty" level="warn"/>
                <Logger name="io.javalin" level="warn"/>
                <Logger name="org.apache.poi.util.XMLHelper" level="off"/>
                <Root level="warn">
                  <AppenderRef ref="stderr"/>
                </Root>
              </Loggers>
            </Configuration>
            """;
}
