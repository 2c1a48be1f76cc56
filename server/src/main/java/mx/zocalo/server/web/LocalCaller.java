package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The two checks of the operations routes ({@code /metrics}, {@code /-/backup}): whether a request comes from this
 * machine, and whether it carries a given bearer token.
 */
final class LocalCaller {
    private LocalCaller() {}

    /**
     * A connection from a loopback address that carries no {@code X-Forwarded-For} or {@code Forwarded}: a reverse
     * proxy on the same machine does not make the world local.
     */
    static boolean local(Context ctx) {
        if (ctx.header("X-Forwarded-For") != null || ctx.header("Forwarded") != null) return false;
        try {
            return InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code Authorization: Bearer TOKEN} equal to {@code token}, compared in constant time (false when token is null). */
    static boolean bearer(Context ctx, byte[] token) {
        if (token == null) return false;
        String auth = ctx.header("Authorization");
        byte[] given = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                ? auth.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        return MessageDigest.isEqual(given, token);
    }
}
