package mx.zocalo.server.web;

import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import java.nio.file.Path;
import java.util.function.Function;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.Upload;
import mx.zocalo.server.publish.UploadPreview;
import mx.zocalo.server.publish.WebPublication;
import mx.zocalo.server.store.Store;

/**
 * Publishing from the web, wired: the upload staging and the publication services over the data directory (the
 * parent of the store's files), the {@code /publish} pages and the {@code /api/datasets} writes, and Jetty's multipart
 * limits (files over {@value #IN_MEMORY} bytes stream to disk; a body over the upload limit is refused).
 */
final class PublishRoutes {
    static final int IN_MEMORY = 64 * 1024;
    private final Upload uploads;
    private final Path multipartCache;
    private final Upload.Limits limits;
    private final PublishApi api;
    private final PublishPages pages;

    PublishRoutes(Store store, PortalIris iris, Templates templates, Access access, Upload.Limits limits,
            Function<String, String> organisationNames, mx.zocalo.server.accounts.AuditLog audit) {
        Path data = store.filesDirectory().toAbsolutePath().getParent();
        this.limits = limits;
        this.uploads = new Upload(data, limits);
        this.multipartCache = data.resolve("uploads").resolve(".multipart");
        WebPublication publication = new WebPublication(store, iris, data, organisationNames);
        this.api = new PublishApi(access, uploads, publication, audit);
        this.pages = new PublishPages(access, uploads, publication, new UploadPreview(iris.base()), templates, audit);
    }

    /** Jetty's multipart limits: parts over 64 KB go to disk; the whole body at most the upload limit and 4 MB of fields. */
    void configure(JavalinConfig config) {
        try {
            java.nio.file.Files.createDirectories(multipartCache);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        config.jetty.multipartConfig.cacheDirectory(multipartCache.toString());
        config.jetty.multipartConfig.maxInMemoryFileSize(IN_MEMORY, SizeUnit.BYTES);
        config.jetty.multipartConfig.maxFileSize(limits.maxBytes(), SizeUnit.BYTES);
        config.jetty.multipartConfig.maxTotalRequestSize(limits.maxBytes() + Multipart.MAX_TEXT * 4L, SizeUnit.BYTES);
    }

    void register(JavalinConfig config) {
        // a refusal outside a handler's own catch (e.g. a body declared over the limit): its status and message
        config.routes.exception(mx.zocalo.server.publish.UploadProblem.class, (e, ctx) -> {
            ctx.status(e.status());
            if (e.retryAfterSeconds() > 0) ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            if (ctx.path().startsWith("/api/")) {
                ctx.contentType("application/json").result(PublishApi.problem(e).toString());
            } else {
                ctx.contentType("text/plain; charset=utf-8").result(e.getMessage());
            }
        });
        api.register(config);
        pages.register(config);
    }
}
