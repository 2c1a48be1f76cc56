package mx.zocalo.server.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;
import mx.zocalo.server.accounts.Accounts;
import mx.zocalo.server.accounts.Action;
import mx.zocalo.server.accounts.AuditLog;
import mx.zocalo.server.accounts.Principal;
import mx.zocalo.server.accounts.Role;
import mx.zocalo.server.accounts.Secrets;
import mx.zocalo.server.accounts.Users;

/**
 * The admin pages: {@code /admin/users} (add a user with a one-time password, shown once and to be changed at the first
 * sign-in; change role and organisation; disable or enable), {@code /admin/organisations} (list, add) and
 * {@code /admin/audit} (the audit log, newest first, paged, filtered by action and by who).
 */
final class AdminPages {
    static final int AUDIT_PAGE = 50;
    private final SessionAccess access;
    private final Accounts accounts;
    private final Templates templates;

    AdminPages(SessionAccess access, Templates templates) {
        this.access = access;
        this.accounts = access.accounts();
        this.templates = templates;
    }

    void register(JavalinConfig config) {
        config.routes.get("/admin/users", ctx -> page(ctx, Action.MANAGE_USERS, this::users));
        config.routes.post("/admin/users", this::addUser);
        config.routes.post("/admin/users/role", this::setRole);
        config.routes.post("/admin/users/disable", this::setDisabled);
        config.routes.get("/admin/organisations", ctx -> page(ctx, Action.MANAGE_USERS, this::organisations));
        config.routes.post("/admin/organisations", this::addOrganisation);
        config.routes.get("/admin/audit", ctx -> page(ctx, Action.READ_AUDIT, this::audit));
    }

    /** A GET page: an anonymous visitor is sent to sign in, a user without the right gets 403. */
    private void page(Context ctx, Action action, java.util.function.BiConsumer<Context, Map<String, Object>> render) {
        if (access.who(ctx).isEmpty() && ctx.header("Authorization") == null) { // a browser: to the sign-in form; a program: 401
            ctx.redirect("/login?next=" + ctx.path(), HttpStatus.SEE_OTHER);
            return;
        }
        access.require(ctx, action, null);
        render.accept(ctx, model(ctx));
    }

    private void users(Context ctx, Map<String, Object> model) {
        model.put("users", accounts.users().list());
        model.put("organisations", accounts.users().organisations());
        model.put("roles", java.util.Arrays.stream(Role.values()).map(Role::word).toList());
        send(ctx, "admin-users", model);
    }

    private void addUser(Context ctx) {
        Principal admin = access.require(ctx, Action.MANAGE_USERS, null);
        Role role = Role.parse(ctx.formParam("role"));
        String email = ctx.formParam("email");
        String oneTime = Secrets.random().substring(0, 20);
        Users.User u = accounts.users().add(email, ctx.formParam("name"), role, blankToNull(ctx.formParam("organisation")),
                oneTime.toCharArray(), true);
        accounts.audit().record(admin.email(), "user.add", u.email(), ctx.ip(), role.word() + (u.organisation() != null ? " of " + u.organisation() : ""));
        Map<String, Object> model = model(ctx);
        model.put("created", u);
        model.put("oneTime", oneTime);
        ctx.status(201);
        users(ctx, model);
    }

    private void setRole(Context ctx) {
        Principal admin = access.require(ctx, Action.MANAGE_USERS, null);
        String email = ctx.formParam("email");
        Users.User before = accounts.users().find(email).orElseThrow(() -> new io.javalin.http.NotFoundResponse("No user " + email));
        Role role = Role.parse(ctx.formParam("role"));
        String org = blankToNull(ctx.formParam("organisation"));
        if (before.email().equals(admin.email()) && role != Role.ADMIN) {
            throw new IllegalArgumentException("An admin cannot take away their own admin role (another admin can)");
        }
        accounts.users().setRole(email, role, org);
        accounts.audit().record(admin.email(), "role.change", before.email(), ctx.ip(), before.role().word()
                + (before.organisation() != null ? " of " + before.organisation() : "") + " → " + role.word()
                + (role == Role.EDITOR ? " of " + org : ""));
        ctx.redirect("/admin/users", HttpStatus.SEE_OTHER);
    }

    private void setDisabled(Context ctx) {
        Principal admin = access.require(ctx, Action.MANAGE_USERS, null);
        String email = ctx.formParam("email");
        Users.User u = accounts.users().find(email).orElseThrow(() -> new io.javalin.http.NotFoundResponse("No user " + email));
        boolean disable = !"false".equals(ctx.formParam("disabled"));
        if (u.email().equals(admin.email()) && disable) throw new IllegalArgumentException("An admin cannot disable their own account");
        accounts.users().setDisabled(u.email(), disable);
        if (disable) {
            accounts.sessions().deleteAll(u.email());
            accounts.tokens().revokeAll(u.email());
        }
        accounts.audit().record(admin.email(), disable ? "user.disable" : "user.enable", u.email(), ctx.ip(), null);
        ctx.redirect("/admin/users", HttpStatus.SEE_OTHER);
    }

    private void organisations(Context ctx, Map<String, Object> model) {
        model.put("organisations", accounts.users().organisations());
        send(ctx, "admin-organisations", model);
    }

    private void addOrganisation(Context ctx) {
        Principal admin = access.require(ctx, Action.MANAGE_USERS, null);
        Users.Organisation o = accounts.users().addOrganisation(ctx.formParam("slug"), ctx.formParam("name"), ctx.formParam("nameEn"),
                ctx.formParam("homepage"));
        accounts.audit().record(admin.email(), "organisation.add", o.slug(), ctx.ip(), o.name());
        ctx.redirect("/admin/organisations", HttpStatus.SEE_OTHER);
    }

    private void audit(Context ctx, Map<String, Object> model) {
        String action = Optional.ofNullable(ctx.queryParam("action")).orElse("");
        String who = Optional.ofNullable(ctx.queryParam("who")).orElse("");
        int page = 1;
        try {
            page = Math.max(1, Integer.parseInt(Optional.ofNullable(ctx.queryParam("page")).orElse("1")));
        } catch (NumberFormatException e) {
            // the first page
        }
        AuditLog log = accounts.audit();
        var entries = log.page(action, who, (page - 1) * AUDIT_PAGE, AUDIT_PAGE + 1);
        model.put("entries", entries.subList(0, Math.min(AUDIT_PAGE, entries.size())));
        model.put("actions", log.actions());
        model.put("action", action);
        model.put("who", who);
        model.put("page", page);
        String filter = "&action=" + java.net.URLEncoder.encode(action, java.nio.charset.StandardCharsets.UTF_8)
                + "&who=" + java.net.URLEncoder.encode(who, java.nio.charset.StandardCharsets.UTF_8);
        if (entries.size() > AUDIT_PAGE) model.put("nextLink", "/admin/audit?page=" + (page + 1) + filter);
        if (page > 1) model.put("previousLink", "/admin/audit?page=" + (page - 1) + filter);
        send(ctx, "admin-audit", model);
    }

    private Map<String, Object> model(Context ctx) {
        String lang = PageLanguage.of(ctx);
        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("csrf", access.csrfToken(ctx));
        model.put("pageLang", lang);
        return model;
    }

    private void send(Context ctx, String template, Map<String, Object> model) {
        ctx.header("Cache-Control", "no-store");
        Templates.send(ctx, templates.render(template, (String) model.get("pageLang"), model));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
