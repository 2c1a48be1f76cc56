package mx.zocalo.server.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploaded tables, staged in {@code DATA/uploads/{id}/} (a random id) until they are published or expire: the bytes
 * sent (or fetched from an http/https link), at most {@link Limits#maxBytes()}, under the client's name made safe
 * ({@link UploadName}) with the extension of what the content is ({@link FileKind}). A link to a private, loopback or
 * link-local address is refused unless {@link Limits#allowPrivateLinks()}. Expired uploads are removed when the service
 * starts and whenever one is staged.
 */
public final class Upload {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.publish");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The names of a mapping attached to an upload (hidden: never taken for the table). */
    public static final String MAPPING_YAML = ".mapping.yaml";
    public static final String MAPPING_RML = ".mapping.rml.ttl";

    /**
     * The limits: largest upload in bytes (413 above it), uploads per user per hour (429 above it), time to fetch a link,
     * whether links may lead to private addresses, and how long a staged upload is kept.
     */
    public record Limits(long maxBytes, int perHour, Duration fetchTimeout, boolean allowPrivateLinks, Duration expiry) {
        public static Limits defaults() {
            return new Limits(100L << 20, 30, Duration.ofSeconds(60), false, Duration.ofHours(6));
        }

        public Limits withMaxBytes(long bytes) { return new Limits(bytes, perHour, fetchTimeout, allowPrivateLinks, expiry); }
        public Limits withPerHour(int n) { return new Limits(maxBytes, n, fetchTimeout, allowPrivateLinks, expiry); }
        public Limits withPrivateLinks(boolean allow) { return new Limits(maxBytes, perHour, fetchTimeout, allow, expiry); }
    }

    /** A staged upload: its id, the stored file (in its own folder), what it is, its size and the name the client gave. */
    public record Staged(String id, Path file, FileKind kind, long bytes, String clientName) {
        public Path folder() { return file.getParent(); }
    }

    private final Path root;
    private final Limits limits;
    private final RateLimit rate;

    public Upload(Path dataDirectory, Limits limits) {
        this.root = dataDirectory.resolve("uploads");
        this.limits = limits;
        this.rate = new RateLimit(limits.perHour(), Duration.ofHours(1));
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + root, e);
        }
        cleanExpired();
    }

    public Limits limits() {
        return limits;
    }

    /** Counts one upload of {@code user}; a 429 {@link UploadProblem} (with Retry-After) when over the hourly limit. */
    public void countUpload(String user) {
        long wait = rate.acquire(user);
        if (wait > 0) {
            throw new UploadProblem(429, "Too many uploads: at most " + limits.perHour() + " an hour. Try again in "
                    + wait + " s.", null, -1, null, null, wait, null);
        }
    }

    /** Stages the bytes of {@code in} (closed here) under the client's {@code name}, for {@code owner} alone. */
    public Staged stage(InputStream in, String name, String owner) {
        cleanExpired();
        String id = HexFormat.of().formatHex(randomBytes());
        Path folder = root.resolve(id);
        Path raw = folder.resolve(".incoming");
        long bytes;
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(".owner"), owner == null ? "" : owner);
            try (in; OutputStream out = Files.newOutputStream(raw)) {
                bytes = copyLimited(in, out);
            }
            FileKind kind = FileKind.detect(raw);
            Path file = folder.resolve(UploadName.sanitise(name, kind));
            if (!file.getParent().equals(folder)) throw new IllegalStateException("unsafe name " + file); // cannot happen
            Files.move(raw, file);
            LOG.info("upload {}: {} bytes, {} as {}", id, bytes, kind, file.getFileName());
            return new Staged(id, file, kind, bytes, name);
        } catch (IOException e) {
            DatasetPublisher.deleteTree(folder);
            throw new UncheckedIOException("Cannot stage an upload", e);
        } catch (RuntimeException e) {
            DatasetPublisher.deleteTree(folder);
            throw e;
        }
    }

    /** Fetches an http(s) link and stages what it answers, for {@code owner} alone. */
    public Staged fetch(String link, String owner) {
        URI uri;
        try {
            uri = URI.create(link.strip());
        } catch (IllegalArgumentException e) {
            throw new UploadProblem(400, "Not a link: " + link, "url");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new UploadProblem(400, "Only http and https links are fetched, not " + (scheme.isEmpty() ? "this" : scheme + ":") + " one.", "url");
        }
        if (!limits.allowPrivateLinks()) refusePrivate(uri.getHost());
        HttpClient http = HttpClient.newBuilder().connectTimeout(limits.fetchTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(limits.fetchTimeout()).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                r.body().close();
                throw new UploadProblem(422, "The link answered " + r.statusCode() + ", not 200 with a file"
                        + (r.statusCode() / 100 == 3 ? " (redirects are not followed: give the final address)" : "") + ".", "url");
            }
            long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > limits.maxBytes()) {
                r.body().close();
                throw tooLarge();
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            return stage(r.body(), path.substring(path.lastIndexOf('/') + 1), owner);
        } catch (IOException e) {
            throw new UploadProblem(422, "Could not fetch the link: " + e.getMessage(), null, -1, null, "url", 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UploadProblem(422, "Fetching the link was interrupted", "url");
        }
    }

    /** The staged upload {@code id} of {@code owner}, if it exists and has not expired. */
    public Optional<Staged> find(String id, String owner) {
        if (id == null || !ID.matcher(id).matches()) return Optional.empty();
        Path folder = root.resolve(id);
        if (!Files.isDirectory(folder)) return Optional.empty();
        try {
            if (!Files.readString(folder.resolve(".owner")).equals(owner == null ? "" : owner)) return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(folder)) {
            Optional<Path> file = s.filter(p -> !p.getFileName().toString().startsWith(".")).filter(Files::isRegularFile).findFirst();
            return file.map(f -> new Staged(id, f, FileKind.detect(f), size(f), f.getFileName().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Where a mapping attached to the upload is kept (mapping.yaml or mapping.rml.ttl), if one is. */
    public Optional<Path> mapping(Staged staged) {
        for (String n : new String[] {MAPPING_YAML, MAPPING_RML}) {
            if (Files.isRegularFile(staged.folder().resolve(n))) return Optional.of(staged.folder().resolve(n));
        }
        return Optional.empty();
    }

    /** Removes uploads older than the expiry. */
    public void cleanExpired() {
        Instant oldest = Instant.now().minus(limits.expiry());
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.toList()) {
                if (ID.matcher(p.getFileName().toString()).matches() && Files.getLastModifiedTime(p).toInstant().isBefore(oldest)) {
                    DatasetPublisher.deleteTree(p);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot clean expired uploads in {}: {}", root, e.getMessage());
        }
    }

    /** Removes a staged upload (after it was published). */
    public void remove(Staged staged) {
        DatasetPublisher.deleteTree(root.resolve(staged.id()));
    }

    UploadProblem tooLarge() {
        return new UploadProblem(413, "The file is larger than the limit of " + (limits.maxBytes() >> 20) + " MB.", "file");
    }

    private long copyLimited(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) >= 0; ) {
            total += n;
            if (total > limits.maxBytes()) throw tooLarge();
            out.write(buf, 0, n);
        }
        return total;
    }

    private static void refusePrivate(String host) {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UploadProblem(422, "Unknown host in the link: " + host, "url");
        }
        for (InetAddress a : all) {
            if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                    || a.isMulticastAddress() || isUniqueLocal(a)) {
                throw new UploadProblem(400, "Links to private or local addresses are not fetched (" + host + ").", "url");
            }
        }
    }

    private static boolean isUniqueLocal(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xFE) == 0xFC || b.length == 4 && (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return -1;
        }
    }
}
