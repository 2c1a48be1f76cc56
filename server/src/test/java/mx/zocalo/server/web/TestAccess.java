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
 * A door for tests until the accounts are in: the cookie {@code zocalo_test_user} names one of a few users; a form sent
 * with it must carry {@code csrf=csrf-USER}. The decision itself is the real {@link Authorization} rule.
 */
final class TestAccess implements Access {
    static final String COOKIE = "zocalo_test_user";
    static final Map<String, Principal> USERS = Map.of(
            "reviewer", new Principal("revisora@example.mx", "Revisora", Role.REVIEWER, null),
            "admin", new Principal("admin@example.mx", "Admin", Role.ADMIN, null),
            "editor", new Principal("editor@example.mx", "Editor", Role.EDITOR, "obras-publicas"));

    @Override
    public Optional<Principal> who(Context ctx) {
        String c = ctx.cookie(COOKIE);
        return Optional.ofNullable(c == null ? null : USERS.get(c));
    }

    @Override
    public Principal require(Context ctx, Action action, String organisation) {
        Principal p = who(ctx).orElseThrow(() -> new UnauthorizedResponse("Sign in"));
        if (!Authorization.allows(p, action, organisation)) throw new ForbiddenResponse("Not allowed");
        if (!ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD")
                && !csrfToken(ctx).equals(ctx.formParam("csrf"))) {
            throw new ForbiddenResponse("CSRF token missing or wrong");
        }
        return p;
    }

    @Override
    public String csrfToken(Context ctx) {
        String user = ctx.cookie(COOKIE);
        return user == null ? "csrf-anonymous" : "csrf-" + user;
    }
}
