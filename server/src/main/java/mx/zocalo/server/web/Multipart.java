package mx.zocalo.server.web;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import mx.zocalo.server.publish.Upload;
import mx.zocalo.server.publish.UploadProblem;

/**
 * The parts of a multipart upload, within the upload limit: a request whose {@code Content-Length} is over it is
 * refused (413) before its body is read; without a length, Jetty's multipart limits (set in {@link PortalServer}) stop
 * it while it streams to disk. Text parts are read up to {@value #MAX_TEXT} characters.
 */
final class Multipart {
    static final int MAX_TEXT = 1 << 20;

    private Multipart() {}

    /** Refuses (413) a body declared larger than the limit, before anything reads it. */
    static void checkLength(Context ctx, Upload.Limits limits) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limits.maxBytes() + MAX_TEXT * 2L) {
            throw new UploadProblem(413, "The request is larger than the upload limit of " + (limits.maxBytes() >> 20) + " MB.", "file");
        }
    }

    static boolean isMultipart(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
    }

    /** The uploaded file {@code name}, or null. */
    static UploadedFile file(Context ctx, Upload.Limits limits, String name) {
        if (!isMultipart(ctx)) return null;
        checkLength(ctx, limits);
        try {
            UploadedFile f = ctx.uploadedFile(name);
            return f == null || (f.filename() == null || f.filename().isBlank()) && f.size() == 0 ? null : f;
        } catch (UploadProblem e) {
            throw e;
        } catch (Exception e) { // Jetty's ServletException comes through unchecked
            throw tooLargeOr(e, limits);
        }
    }

    /** A text field (a multipart part or a form field), or null; a file part sent as the field is read as text. */
    static String text(Context ctx, Upload.Limits limits, String name) {
        if (!isMultipart(ctx)) return ctx.formParam(name);
        checkLength(ctx, limits);
        try {
            String v = ctx.formParam(name);
            if (v != null) return v;
            UploadedFile f = ctx.uploadedFile(name);
            if (f == null) return null;
            try (InputStream in = f.content()) {
                byte[] b = in.readNBytes(MAX_TEXT + 1);
                if (b.length > MAX_TEXT) throw new UploadProblem(413, "The part '" + name + "' is larger than 1 MB", name);
                return new String(b, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UploadProblem(400, "Cannot read the part '" + name + "': " + e.getMessage(), name);
        } catch (UploadProblem e) {
            throw e;
        } catch (Exception e) {
            throw tooLargeOr(e, limits);
        }
    }

    private static RuntimeException tooLargeOr(Exception e, Upload.Limits limits) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("exceeds") || m.contains("too large") || m.contains("max") && m.contains("size")) {
                return new UploadProblem(413, "The upload is larger than the limit of " + (limits.maxBytes() >> 20) + " MB.", "file");
            }
        }
        return new UploadProblem(400, "The multipart body cannot be read: " + e.getMessage(), "file");
    }
}
