package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.util.Map;
import mx.zocalo.server.accounts.Principal;

/**
 * Who a request comes from, found once before its handler: the header of every page shows "Sign in" or the user's name
 * and a sign-out button, and the {@link PageCache} neither serves nor keeps a signed-in user's pages (nor do browsers
 * and proxies: {@code Cache-Control: private, no-store}).
 */
final class Signed {
    static final String PRINCIPAL = "zocalo.principal";
    private static final String CSRF = "zocalo.headerCsrf";
    private static final String ACCOUNTS = "zocalo.accountsOn";

    private Signed() {}

    static void identify(Context ctx, Access access, boolean accountsOn) {
        if (accountsOn) ctx.attribute(ACCOUNTS, Boolean.TRUE);
        Principal p = access.who(ctx).orElse(null);
        if (p == null) return;
        ctx.attribute(PRINCIPAL, p);
        ctx.attribute(CSRF, access.csrfToken(ctx));
    }

    /** After the handler: a signed-in user's answers are kept by no cache (whatever the handler said), static files aside. */
    static void noStore(Context ctx) {
        if (principal(ctx) != null && !ctx.path().startsWith("/static/")) ctx.header("Cache-Control", "private, no-store");
    }

    static Principal principal(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    /** What the header needs: the user (or none), whether there is a sign-in page, the sign-out form's token. */
    static void model(Context ctx, Map<String, Object> model) {
        Principal p = principal(ctx);
        if (p != null) {
            model.put("me", p);
            model.put("headerCsrf", ctx.attribute(CSRF));
        }
        model.put("accountsOn", Boolean.TRUE.equals(ctx.attribute(ACCOUNTS)));
    }
}
