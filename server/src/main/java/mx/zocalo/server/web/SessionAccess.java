package mx.zocalo.server.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.UnauthorizedResponse;
import java.util.Optional;
import mx.zocalo.server.accounts.Accounts;
import mx.zocalo.server.accounts.Action;
import mx.zocalo.server.accounts.Authorization;
import mx.zocalo.server.accounts.Principal;
import mx.zocalo.server.accounts.Secrets;
import mx.zocalo.server.accounts.Sessions;
import mx.zocalo.server.accounts.Users;

/**
 * The {@link Access} of a portal with accounts: the session cookie {@value #COOKIE} (a random id, stored hashed, new at
 * every sign-in) or an {@code Authorization: Bearer} API token. The CSRF token of a session is the SHA-256 of its id
 * under a label (unguessable without the cookie, nothing to store); an anonymous visitor's forms (sign-in) carry one
 * derived from a pre-session cookie {@value #PRE_COOKIE}. Cookies are {@code HttpOnly}, {@code SameSite=Lax},
 * {@code Path=/}, and {@code Secure} when the request came by https (directly or {@code X-Forwarded-Proto: https}) or
 * when the portal is told its cookies are always secure ({@code serve --secure-cookies}).
 */
public final class SessionAccess implements Access {
    public static final String COOKIE = "zocalo_session";
    static final String PRE_COOKIE = "zocalo_pre";
    static final String CSRF_FIELD = "csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String ATTR = "zocalo.access";
    private final Accounts accounts;
    private final boolean alwaysSecure;

    /** What a request was resolved to: a user (or none) and how. */
    record Resolved(Users.User user, String sessionId, boolean bearer, boolean badBearer) {
        Optional<Principal> principal() {
            return user == null ? Optional.empty() : Optional.of(user.principal());
        }
    }

    public SessionAccess(Accounts accounts, boolean alwaysSecure) {
        this.accounts = accounts;
        this.alwaysSecure = alwaysSecure;
    }

    /** The Access of a portal without accounts: everyone is anonymous (forms still carry a CSRF token). */
    public static SessionAccess anonymous() {
        return new SessionAccess(null, false);
    }

    /** The accounts database, or null for {@link #anonymous()}. */
    public Accounts accounts() {
        return accounts;
    }

    @Override
    public Optional<Principal> who(Context ctx) {
        return resolve(ctx).principal();
    }

    @Override
    public Principal require(Context ctx, Action action, String organisation) {
        Resolved r = resolve(ctx);
        if (r.user() == null) {
            if (r.bearer() || r.badBearer()) ctx.header("WWW-Authenticate", "Bearer realm=\"zocalo\", error=\"invalid_token\"");
            throw new UnauthorizedResponse("Sign in first (at /login) or send a valid API token");
        }
        Principal p = r.user().principal();
        if (!r.bearer()) checkCsrf(ctx);
        if (!Authorization.allows(p, action, organisation)) {
            throw new ForbiddenResponse(p.email() + " (" + p.role().word() + ") may not " + action.name().toLowerCase(java.util.Locale.ROOT)
                    + (organisation != null ? " for " + organisation : ""));
        }
        return p;
    }

    @Override
    public String csrfToken(Context ctx) {
        Resolved r = resolve(ctx);
        if (r.sessionId() != null) return csrfOf(r.sessionId());
        String pre = ctx.attribute(PRE_COOKIE); // set earlier in this request
        if (pre == null) pre = ctx.cookie(PRE_COOKIE);
        if (pre == null || pre.length() != 43) {
            pre = Secrets.random();
            setCookie(ctx, PRE_COOKIE, pre, -1);
            ctx.attribute(PRE_COOKIE, pre);
        }
        return csrfOf(pre);
    }

    /**
     * Refuses (403) a request that changes something without the CSRF token of its session (or, signed out, of its
     * pre-session cookie): in the form field {@value #CSRF_FIELD} or the header {@value #CSRF_HEADER}. GET and HEAD pass.
     */
    @Override
    public void checkCsrf(Context ctx) {
        HandlerType m = ctx.method();
        if (m == HandlerType.GET || m == HandlerType.HEAD || m == HandlerType.OPTIONS) return;
        Resolved r = resolve(ctx);
        if (r.bearer()) return; // a token is sent by a program, never by a browser on its own
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null) sent = formParam(ctx, CSRF_FIELD);
        // the session's token, or (a form shown before signing in, such as the sign-in form) the pre-session cookie's
        String pre = ctx.cookie(PRE_COOKIE);
        boolean ok = sent != null && (r.sessionId() != null && Secrets.same(csrfOf(r.sessionId()), sent)
                || pre != null && Secrets.same(csrfOf(pre), sent));
        if (!ok) {
            throw new ForbiddenResponse("The form's security token (CSRF) is missing or out of date: reload the page and send it again");
        }
    }

    /** Starts a new session for {@code user} (ending the one the request had: no fixation) and sets its cookie. */
    void signIn(Context ctx, Users.User user) {
        String old = ctx.cookie(COOKIE);
        if (old != null) accounts.sessions().delete(old);
        String id = accounts.sessions().create(user.email());
        Sessions.Limits l = accounts.sessions().limits();
        setCookie(ctx, COOKIE, id, l.absolute().toSeconds());
        ctx.attribute(ATTR, new Resolved(user, id, false, false));
    }

    /** Ends this request's session and clears its cookie. */
    void signOut(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id != null) accounts.sessions().delete(id);
        setCookie(ctx, COOKIE, "", 0);
        ctx.attribute(ATTR, new Resolved(null, null, false, false));
    }

    /** The resolved user of the request (cached on the request), or a resolution to nobody. */
    Resolved resolve(Context ctx) {
        Resolved r = ctx.attribute(ATTR);
        if (r != null) return r;
        String auth = ctx.header("Authorization");
        if (accounts == null) {
            r = new Resolved(null, null, false, auth != null);
        } else if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            r = accounts.tokens().find(auth.substring(7).strip()).map(u -> new Resolved(u, null, true, false))
                    .orElse(new Resolved(null, null, false, true));
        } else {
            String id = ctx.cookie(COOKIE);
            r = id == null ? new Resolved(null, null, false, false)
                    : accounts.sessions().find(id).map(s -> new Resolved(s.user(), id, false, false)).orElse(new Resolved(null, null, false, false));
        }
        ctx.attribute(ATTR, r);
        return r;
    }

    /** Whether this request's cookies should be {@code Secure}. */
    boolean secure(Context ctx) {
        return alwaysSecure || "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    private void setCookie(Context ctx, String name, String value, long maxAgeSeconds) {
        StringBuilder c = new StringBuilder(name).append('=').append(value).append("; Path=/; HttpOnly; SameSite=Lax");
        if (maxAgeSeconds >= 0) c.append("; Max-Age=").append(maxAgeSeconds);
        if (secure(ctx)) c.append("; Secure");
        ctx.res().addHeader("Set-Cookie", c.toString());
    }

    private static String csrfOf(String basis) {
        return Secrets.sha256("zocalo-csrf:" + basis);
    }

    private static String formParam(Context ctx, String name) {
        String type = ctx.contentType();
        if (type == null) return null;
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) return ctx.formParam(name);
        return null;
    }
}
