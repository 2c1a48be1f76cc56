package mx.zocalo.server.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import mx.zocalo.server.accounts.Accounts;
import mx.zocalo.server.accounts.Action;
import mx.zocalo.server.accounts.Passwords;
import mx.zocalo.server.accounts.Principal;
import mx.zocalo.server.accounts.Tokens;
import mx.zocalo.server.accounts.Users;

/**
 * Signing in and out, and one's own account: {@code /login} (throttled: {@link mx.zocalo.server.accounts.LoginThrottle}),
 * {@code /logout}, {@code /account} (API tokens: create, shown once, revoke; sign out everywhere; change the password).
 * Every form carries the CSRF token; every sign-in, sign-out and token change goes to the audit log.
 */
final class AccountPages {
    private final SessionAccess access;
    private final Accounts accounts;
    private final Templates templates;

    AccountPages(SessionAccess access, Templates templates) {
        this.access = access;
        this.accounts = access.accounts();
        this.templates = templates;
    }

    void register(JavalinConfig config) {
        config.routes.get("/login", this::loginForm);
        config.routes.post("/login", this::login);
        config.routes.post("/logout", this::logout);
        config.routes.get("/account", this::account);
        config.routes.post("/account/tokens", this::createToken);
        config.routes.post("/account/tokens/{id}/revoke", this::revokeToken);
        config.routes.post("/account/signout-everywhere", this::signOutEverywhere);
        config.routes.post("/account/password", this::changePassword);
    }

    private void loginForm(Context ctx) {
        if (access.who(ctx).isPresent()) {
            ctx.redirect(safeNext(ctx.queryParam("next"), "/account"), HttpStatus.SEE_OTHER);
            return;
        }
        renderLogin(ctx, null, ctx.queryParam("next"), null);
    }

    private void login(Context ctx) {
        access.checkCsrf(ctx);
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("").strip();
        String next = ctx.formParam("next");
        String address = ctx.ip();
        Optional<Duration> wait = accounts.throttle().blocked(email, address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds() + 1);
            accounts.audit().record(email.isEmpty() ? "anonymous" : email, "login.throttled", email, address, null);
            ctx.status(429).header("Retry-After", String.valueOf(seconds));
            renderLogin(ctx, "account.login.throttled", next, email);
            return;
        }
        char[] password = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
        Optional<Users.User> user = accounts.users().authenticate(email, password);
        java.util.Arrays.fill(password, '\0');
        accounts.throttle().record(email, address, user.isPresent());
        if (user.isEmpty()) {
            accounts.audit().record(email.isEmpty() ? "anonymous" : email, "login.failure", email, address, null);
            ctx.status(401);
            renderLogin(ctx, "account.login.wrong", next, email);
            return;
        }
        access.signIn(ctx, user.get());
        accounts.audit().record(user.get().email(), "login", user.get().email(), address, null);
        ctx.redirect(user.get().mustChange() ? "/account?change=1" : safeNext(next, "/account"), HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        access.checkCsrf(ctx);
        Optional<Principal> who = access.who(ctx);
        access.signOut(ctx);
        who.ifPresent(p -> accounts.audit().record(p.email(), "logout", p.email(), ctx.ip(), null));
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    private void account(Context ctx) {
        if (access.who(ctx).isEmpty() && ctx.header("Authorization") == null) { // a browser: to the sign-in form; a program: 401
            ctx.redirect("/login?next=/account", HttpStatus.SEE_OTHER);
            return;
        }
        Principal p = access.require(ctx, Action.OWN_ACCOUNT, null);
        Map<String, Object> model = model(ctx);
        if (ctx.queryParam("change") != null) model.put("notice", "account.password.mustchange");
        if (ctx.queryParam("changed") != null) model.put("notice", "account.password.changed");
        if (ctx.queryParam("revoked") != null) model.put("notice", "account.token.revoked");
        renderAccount(ctx, p, model);
    }

    private void createToken(Context ctx) {
        Principal p = access.require(ctx, Action.OWN_ACCOUNT, null);
        String name = ctx.formParam("name");
        int days;
        try {
            days = Integer.parseInt(Optional.ofNullable(ctx.formParam("days")).orElse("90").strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The token's validity is a number of days (1 to 366)");
        }
        if (days < 1 || days > 366) throw new IllegalArgumentException("The token's validity is a number of days (1 to 366)");
        Tokens.Created t = accounts.tokens().create(p.email(), name, Duration.ofDays(days));
        accounts.audit().record(p.email(), "token.create", "token " + t.id(), ctx.ip(), name);
        Map<String, Object> model = model(ctx);
        model.put("newToken", t);
        ctx.status(201);
        renderAccount(ctx, p, model);
    }

    private void revokeToken(Context ctx) {
        Principal p = access.require(ctx, Action.OWN_ACCOUNT, null);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new io.javalin.http.NotFoundResponse("No token " + ctx.pathParam("id"));
        }
        if (!accounts.tokens().revoke(p.email(), id)) throw new io.javalin.http.NotFoundResponse("No live token " + id + " of yours");
        accounts.audit().record(p.email(), "token.revoke", "token " + id, ctx.ip(), null);
        ctx.redirect("/account?revoked=1", HttpStatus.SEE_OTHER);
    }

    private void signOutEverywhere(Context ctx) {
        Principal p = access.require(ctx, Action.OWN_ACCOUNT, null);
        int sessions = accounts.sessions().deleteAll(p.email());
        int tokens = "on".equals(ctx.formParam("tokens")) ? accounts.tokens().revokeAll(p.email()) : 0;
        access.signOut(ctx);
        accounts.audit().record(p.email(), "logout.everywhere", p.email(), ctx.ip(), sessions + " sessions, " + tokens + " tokens");
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private void changePassword(Context ctx) {
        Principal p = access.require(ctx, Action.OWN_ACCOUNT, null);
        char[] current = Optional.ofNullable(ctx.formParam("current")).orElse("").toCharArray();
        char[] fresh = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
        String again = Optional.ofNullable(ctx.formParam("confirm")).orElse("");
        Map<String, Object> model = model(ctx);
        String problem = accounts.users().authenticate(p.email(), current).isEmpty() ? "account.password.wrong"
                : !again.equals(new String(fresh)) ? "account.password.mismatch" : Passwords.weakness(fresh, p.email());
        if (problem != null) {
            model.put("problem", problem);
            ctx.status(400);
            renderAccount(ctx, p, model);
            return;
        }
        accounts.users().setPassword(p.email(), fresh, false);
        accounts.sessions().deleteAll(p.email()); // the other sessions end; this one starts anew
        access.signIn(ctx, accounts.users().find(p.email()).orElseThrow());
        accounts.audit().record(p.email(), "password.change", p.email(), ctx.ip(), null);
        ctx.redirect("/account?changed=1", HttpStatus.SEE_OTHER);
    }

    private Map<String, Object> model(Context ctx) {
        String lang = PageLanguage.of(ctx);
        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("csrf", access.csrfToken(ctx));
        model.put("pageLang", lang);
        return model;
    }

    private void renderLogin(Context ctx, String problem, String next, String email) {
        Map<String, Object> model = model(ctx);
        model.put("problem", problem);
        model.put("next", safeNext(next, ""));
        model.put("email", email);
        ctx.header("Cache-Control", "no-store");
        Templates.send(ctx, templates.render("login", (String) model.get("pageLang"), model));
    }

    private void renderAccount(Context ctx, Principal p, Map<String, Object> model) {
        model.put("user", p);
        model.put("tokens", accounts.tokens().list(p.email()));
        model.put("now", java.time.Instant.now());
        model.put("sessions", accounts.sessions().count(p.email()));
        model.put("minLength", Passwords.MIN_LENGTH);
        ctx.header("Cache-Control", "no-store");
        Templates.send(ctx, templates.render("account", (String) model.get("pageLang"), model));
    }

    /** A path on this portal to go to after signing in: never another site ({@code //host}, {@code /\\host}). */
    static String safeNext(String next, String otherwise) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.length() > 500
                || next.chars().anyMatch(c -> c < 0x20)) return otherwise;
        return next;
    }
}
