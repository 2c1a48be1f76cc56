package mx.zocalo.server.web;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.zocalo.server.catalog.CatalogRecord;
import mx.zocalo.server.catalog.CatalogRecord.FileFacts;
import mx.zocalo.server.catalog.RdfDownload;
import mx.zocalo.server.catalog.VersionRecord.Version;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.publish.Versions;
import mx.zocalo.server.store.Store;

/**
 * {@code /download/{slug}/v{n}/{slug}.{ext}}: a file of version n of a dataset (the original, an RDF dump, the CSVW
 * metadata), as it was published; the current version's from {@code files/{slug}}, older ones from
 * {@code versions/{slug}/{n}}. Versions do not change: the ETag is the file's SHA-256, If-None-Match answers 304 and
 * byte ranges are served. A version that existed but whose files are no longer kept answers 410; one that never
 * existed, 404.
 */
final class VersionDownloads {
    private static final Pattern RANGE = Pattern.compile("bytes=([0-9]{0,18})-([0-9]{0,18})");
    private static final Pattern VERSION = Pattern.compile("v([1-9][0-9]{0,8})");
    private final Store store;
    private final Versions versions;

    VersionDownloads(Store store) {
        this.store = store;
        this.versions = new Versions(store, Versions.DEFAULT_KEEP); // only reads here
    }

    void download(Context ctx) {
        String slug = ctx.pathParam("slug");
        String file = ctx.pathParam("file");
        Matcher m = VERSION.matcher(ctx.pathParam("version"));
        if (!slug.matches("[a-z0-9][a-z0-9-]*") || !m.matches()) throw new NotFoundResponse("No download called " + ctx.path());
        int n = Integer.parseInt(m.group(1));
        List<Version> history = versions.history(slug);
        Version v = history.stream().filter(x -> x.number() == n).findFirst()
                .orElseThrow(() -> new NotFoundResponse("Dataset '" + slug + "' has no version " + n
                        + (history.isEmpty() ? "" : "; its versions are 1 to " + history.get(history.size() - 1).number())));
        if (!file.startsWith(slug + ".")) throw new NotFoundResponse("No download called " + file + " in version " + n + " of " + slug);
        String ext = file.substring(slug.length() + 1);
        FileFacts facts = v.files().get(ext);
        if (facts == null) throw new NotFoundResponse("Version " + n + " of " + slug + " has no download called " + file);
        Optional<Path> folder = Versions.folder(store, slug, n);
        if (folder.isEmpty()) {
            throw new HttpResponseException(410, "Version " + n + " of '" + slug + "' is no longer kept: the portal keeps the files"
                    + " of the latest versions only. Its description stays in the catalog; the current version is at /download/"
                    + slug + "." + ext);
        }
        Path path = file(folder.get(), slug, ext, v);
        if (!Files.isRegularFile(path)) throw new HttpResponseException(410, "The files of version " + n + " of '" + slug + "' are no longer kept");
        RdfDownload rdf = RdfDownload.byExtension(ext);
        String type = rdf != null ? rdf.mediaType() : ext.equals(CatalogRecord.CSVW_EXTENSION) ? "application/csvm+json"
                : CatalogRecord.guessMediaType(ext);
        if (type.startsWith("text/")) type += "; charset=utf-8";
        send(ctx, path, type, "\"" + facts.sha256() + "\"", "public, max-age=31536000, immutable", slug + "-v" + n + "." + ext);
    }

    /**
     * Sends the file {@code path} with its {@code etag}: 304 to a matching {@code If-None-Match}, one byte range
     * ({@code Range}, 206 or 416), else the whole file with its length.
     */
    static void send(Context ctx, Path path, String type, String etag, String cacheControl, String fileName) {
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", cacheControl);
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        String match = ctx.header("If-None-Match");
        if (match != null && (match.equals("*") || List.of(match.split("\\s*,\\s*")).contains(etag))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(type);
        ctx.header("Accept-Ranges", "bytes");
        try {
            long size = Files.size(path);
            long[] range = range(ctx.header("Range"), size);
            if (range != null && range[0] > range[1]) {
                ctx.header("Content-Range", "bytes */" + size);
                // the portal's error (page or JSON, in the reader's language), not a body of the file's type
                throw new io.javalin.http.HttpResponseException(416, "The range asked for is not within the file (" + size + " bytes).");
            }
            long from = range == null ? 0 : range[0];
            long length = range == null ? size : range[1] - range[0] + 1;
            if (range != null) ctx.status(206).header("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + size);
            ctx.header("Content-Length", Long.toString(length));
            try (InputStream in = Files.newInputStream(path)) {
                in.skipNBytes(from);
                copy(in, ctx.outputStream(), length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One byte range of {@code Range: bytes=a-b}, {@code a-} or {@code -n}, clipped to the file ({@code from > to}
     * when it is unsatisfiable); null when there is none or it is not one range of bytes (the whole file is sent).
     */
    static long[] range(String header, long size) {
        if (header == null) return null;
        Matcher m = RANGE.matcher(header.strip());
        if (!m.matches()) return null;
        String a = m.group(1);
        String b = m.group(2);
        if (a.isEmpty() && b.isEmpty()) return null;
        try {
            if (a.isEmpty()) {
                long n = Math.min(Long.parseLong(b), size);
                return n == 0 ? new long[] {1, 0} : new long[] {size - n, size - 1};
            }
            long from = Long.parseLong(a);
            long to = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            return from >= size ? new long[] {1, 0} : new long[] {from, to};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = length;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) break;
            out.write(buf, 0, r);
            left -= r;
        }
    }

    /** Where a version's download lives in its folder (the same layout as {@code files/{slug}}). */
    private static Path file(Path folder, String slug, String ext, Version v) {
        if (ext.equals(CatalogRecord.CSVW_EXTENSION)) return folder.resolve(DatasetPublisher.CSVW_METADATA);
        if (RdfDownload.byExtension(ext) != null && !ext.equals(v.originalExtension())) return folder.resolve("rdf").resolve(slug + "." + ext);
        return folder.resolve(v.originalFileName());
    }
}
