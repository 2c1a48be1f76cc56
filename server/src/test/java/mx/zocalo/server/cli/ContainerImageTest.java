package mx.zocalo.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container image that {@code ./zocalo image} builds with Jib (server/target/zocalo-image.tar): its configuration
 * (the portal's main class started by the image's own Java, {@code serve}, an unprivileged user, {@code /data} as the
 * volume and owned by that user, port 8080, the data directory in the environment, OCI labels), a classpath whose every
 * entry is in its layers, and — as root — the image run without a container engine by
 * {@code server/src/image/check-image.sh}: started from its unpacked layers under chroot, asked {@code /health} and a
 * page, stopped with SIGTERM. Building the image takes about a minute, so this runs on an image built beforehand, named
 * by {@code CONTAINER_IMAGE_TAR} (CI builds it first); without it the tests are skipped.
 */
class ContainerImageTest {
    private static Path image;
    private static JsonNode config;
    private static final Map<String, TarArchiveEntry> files = new HashMap<>();
    private static String classpathFile;

    @BeforeAll
    static void readImage() throws IOException {
        String named = System.getenv("CONTAINER_IMAGE_TAR");
        assumeTrue(named != null && !named.isBlank(), "CONTAINER_IMAGE_TAR is not set (./zocalo image builds the image)");
        image = Path.of(named);
        assertThat(image).as("CONTAINER_IMAGE_TAR names a file").isRegularFile();
        Map<String, byte[]> top = new HashMap<>();
        try (var tar = new TarArchiveInputStream(Files.newInputStream(image))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.getName().endsWith(".json")) {
                    top.put(e.getName(), tar.readAllBytes());
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(top.get("manifest.json")).get(0);
        config = json.readTree(top.get(manifest.get("Config").asText()));
        List<String> layers = new ArrayList<>();
        manifest.get("Layers").forEach(l -> layers.add(l.asText()));
        // every layer, in order: later entries replace earlier ones, as when the image is unpacked
        try (var tar = new TarArchiveInputStream(Files.newInputStream(image))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (layers.contains(e.getName())) {
                    readLayer(e.getName().endsWith(".gz") ? new GZIPInputStream(tar) : tar);
                }
            }
        }
    }

    private static void readLayer(InputStream in) throws IOException {
        var layer = new TarArchiveInputStream(in);
        for (TarArchiveEntry e; (e = layer.getNextEntry()) != null; ) {
            String name = e.getName().replaceFirst("^\\./", "").replaceFirst("/$", "");
            files.put(name, e);
            if (name.equals("app/jib-classpath-file")) {
                classpathFile = new String(layer.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
        }
    }

    @Test
    void itStartsThePortalWithTheImagesOwnJava() {
        JsonNode c = config.get("config");
        List<String> entrypoint = strings(c.get("Entrypoint"));
        assertThat(entrypoint.get(0)).isEqualTo("/opt/java/bin/java");
        assertThat(entrypoint).containsSubsequence("-cp", "@/app/jib-classpath-file", ZocaloCommand.class.getName());
        assertThat(entrypoint.get(entrypoint.size() - 1)).isEqualTo(ZocaloCommand.class.getName());
        List<String> cmd = strings(c.get("Cmd"));
        assertThat(cmd).containsExactly("serve");
        ZocaloCommand.commandLine().parseArgs(cmd.toArray(String[]::new)); // a command that exists
        assertThat(files).containsKey("opt/java/bin/java").containsKey("opt/java/lib/server/libjvm.so")
                .containsKey("opt/java/lib/security/cacerts");
        assertThat(files.get("opt/java/bin/java").getMode() & 0111).as("java is executable").isNotZero();
        assertThat(files.get("opt/java/lib/security/cacerts").isSymbolicLink()).as("cacerts is a file").isFalse();
        assertThat(files).doesNotContainKey("bin/sh");
    }

    @Test
    void itRunsAsAnUnprivilegedUserWhoOwnsTheDataVolume() {
        JsonNode c = config.get("config");
        assertThat(c.get("User").asText()).isEqualTo("10001:10001");
        assertThat(c.get("Volumes").has("/data")).isTrue();
        assertThat(c.get("Volumes").size()).isEqualTo(1);
        assertThat(c.get("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(strings(c.get("Env"))).contains("ZOCALO_DATA=/data").noneMatch(e -> e.startsWith("ZOCALO_PORT="));
        TarArchiveEntry data = files.get("data");
        assertThat(data).as("/data in the image").isNotNull();
        assertThat(data.isDirectory()).isTrue();
        assertThat(data.getLongUserId()).isEqualTo(10001);
        assertThat(data.getLongGroupId()).isEqualTo(10001);
        assertThat(files.get("tmp").getMode() & 01777).isEqualTo(01777);
        assertThat(files).containsKey("etc/passwd");
        JsonNode labels = c.get("Labels");
        assertThat(labels.get("org.opencontainers.image.title").asText()).isEqualTo("Zócalo");
        assertThat(labels.get("org.opencontainers.image.version").asText()).isNotBlank();
        assertThat(labels.has("org.opencontainers.image.source")).isTrue();
    }

    @Test
    void everyClasspathEntryIsInTheLayers() {
        assertThat(classpathFile).as("/app/jib-classpath-file").isNotBlank();
        String[] entries = classpathFile.split(":");
        assertThat(entries).hasSizeGreaterThan(50);
        for (String entry : entries) {
            assertThat(files).as("classpath entry %s", entry).containsKey(entry.replaceFirst("^/", ""));
        }
        assertThat(files).containsKey("app/classes/" + ZocaloCommand.class.getName().replace('.', '/') + ".class");
        assertThat(classpathFile).contains("/app/libs/zocalo-converter-").contains("/app/libs/jena-tdb2-");
    }

    @Test
    void asRootTheImageServesFromItsUnpackedLayers() throws Exception {
        assumeTrue(isRoot(), "running the image under chroot needs root");
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path output = Files.createTempFile("check-image", ".txt");
        Process check = new ProcessBuilder("bash", Path.of("src/image/check-image.sh").toAbsolutePath().toString(),
                image.toAbsolutePath().toString(), Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = check.waitFor(3, TimeUnit.MINUTES);
        if (!ended) check.destroy(); // SIGTERM: the script's trap unmounts and removes its directory
        assertThat(ended).as("check-image.sh ended within 3 minutes").isTrue();
        String out = Files.readString(output);
        Files.delete(output);
        assumeTrue(check.exitValue() != 77, out); // root, but not allowed to mount (an unprivileged container)
        assertThat(check.exitValue()).as(out).isZero();
        assertThat(out).contains(" ok: ").contains("/data written as 10001:10001");
    }

    private static boolean isRoot() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        return new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().equals("0");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
