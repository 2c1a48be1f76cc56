package mx.zocalo.server.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.util.Map;
import java.util.Optional;
import mx.zocalo.server.accounts.Action;
import mx.zocalo.server.accounts.Authorization;
import mx.zocalo.server.accounts.Principal;
import mx.zocalo.server.accounts.Role;

/**
 * A stand-in for the accounts' door until it is on main: fixed users by bearer token (or the same token in a
 * {@code zt} cookie, whose forms must carry the CSRF token {@code csrf-TOKEN}), and the real {@link Authorization} rule.
 */
final class TestAccess implements Access {
    static final String ADMIN = "admin-token";
    static final String EDITOR = "editor-hacienda";
    static final String OTHER_EDITOR = "editor-salud";
    static final String REVIEWER = "reviewer-token";
    static final Map<String, Principal> USERS = Map.of(
            ADMIN, new Principal("admin@example.mx", "Admin", Role.ADMIN, null),
            EDITOR, new Principal("editor@hacienda.example.mx", "Editora", Role.EDITOR, "hacienda"),
            OTHER_EDITOR, new Principal("editor@salud.example.mx", "Editor", Role.EDITOR, "salud"),
            REVIEWER, new Principal("reviewer@example.mx", "Revisora", Role.REVIEWER, null));

    @Override
    public Optional<Principal> who(Context ctx) {
        return Optional.ofNullable(token(ctx)).map(USERS::get);
    }

    @Override
    public Principal require(Context ctx, Action action, String organisation) {
        Principal p = who(ctx).orElseThrow(() -> new UnauthorizedResponse("Sign in"));
        if (!Authorization.allows(p, action, organisation)) throw new ForbiddenResponse("Not allowed");
        boolean cookie = ctx.header("Authorization") == null;
        if (cookie && !ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD")
                && !("csrf-" + token(ctx)).equals(ctx.formParam("csrf"))) {
            throw new ForbiddenResponse("CSRF token missing or wrong");
        }
        return p;
    }

    @Override
    public String csrfToken(Context ctx) {
        return "csrf-" + token(ctx);
    }

    private static String token(Context ctx) {
        String h = ctx.header("Authorization");
        if (h != null) return h.startsWith("Bearer ") ? h.substring(7).strip() : null;
        return ctx.cookie("zt");
    }
}
