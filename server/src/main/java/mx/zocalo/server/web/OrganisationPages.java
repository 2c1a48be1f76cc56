package mx.zocalo.server.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import mx.zocalo.server.accounts.Users;
import mx.zocalo.server.catalog.OrganisationCatalog;

/**
 * The public pages of the organisations: {@code /organisation} (each with its number of datasets),
 * {@code /organisation/{slug}} (name, homepage, its datasets and its activity: the public versions of its datasets,
 * newest first) and {@code /api/organisations/{slug}} (the same as JSON). Only what the public catalog says: never who
 * published (the private history and the audit log keep that).
 */
final class OrganisationPages {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final Supplier<List<Users.Organisation>> organisations;
    private final OrganisationCatalog catalog;
    private final Templates templates;

    /** {@code organisations}: those of the accounts database. */
    OrganisationPages(Supplier<List<Users.Organisation>> organisations, OrganisationCatalog catalog, Templates templates) {
        this.organisations = organisations;
        this.catalog = catalog;
        this.templates = templates;
    }

    void register(JavalinConfig config) {
        config.routes.get("/organisation", this::index);
        config.routes.get("/organisation/{slug}", this::page);
        config.routes.get("/api/organisations/{slug}", this::api);
    }

    /** An organisation as the pages show it: the name in the page's language. */
    record Shown(String slug, String name, String homepage, int datasets) {}

    /** A version in the activity list. */
    record Event(String slug, String title, int version, String datetime, String when, String note, Long rows, Long added,
                 Long removed, Long changed, boolean withdrawn) {}

    private void index(Context ctx) {
        String lang = PageLanguage.of(ctx);
        Map<String, Integer> counts = catalog.counts();
        List<Shown> shown = new ArrayList<>();
        for (Users.Organisation o : organisations.get()) shown.add(shown(o, lang, counts.getOrDefault(o.slug(), 0)));
        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("organisations", shown);
        send(ctx, "organisations", lang, model);
    }

    private void page(Context ctx) {
        String lang = PageLanguage.of(ctx);
        Users.Organisation o = find(ctx.pathParam("slug"));
        List<OrganisationCatalog.Dataset> datasets = catalog.datasets(o.slug(), lang);
        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("o", shown(o, lang, datasets.size()));
        model.put("datasets", datasets);
        model.put("activity", catalog.activity(o.slug(), lang).stream().map(a -> new Event(a.slug(), a.title(), a.version(),
                a.issued().toString(), WHEN.format(a.issued()), a.note(), a.rows(), a.added(), a.removed(), a.changed(), a.withdrawn())).toList());
        send(ctx, "organisation", lang, model);
    }

    private void api(Context ctx) {
        String lang = PageLanguage.of(ctx);
        Users.Organisation o = find(ctx.pathParam("slug"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("slug", o.slug());
        out.put("name", o.name());
        out.put("nameEn", o.nameEn());
        out.put("homepage", o.homepage());
        out.put("datasets", catalog.datasets(o.slug(), lang).stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("slug", d.slug());
            m.put("title", d.title());
            m.put("page", "/dataset/" + d.slug());
            m.put("modified", d.modified());
            m.put("version", d.version());
            return m;
        }).toList());
        out.put("activity", catalog.activity(o.slug(), lang).stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dataset", a.slug());
            m.put("title", a.title());
            if (a.withdrawn()) m.put("withdrawn", true);
            else m.put("version", a.version());
            m.put("issued", a.issued().toString());
            m.put("note", a.note());
            m.put("rows", a.rows());
            m.put("rowsAdded", a.added());
            m.put("rowsRemoved", a.removed());
            m.put("rowsChanged", a.changed());
            return m;
        }).toList());
        ctx.header("Cache-Control", "no-cache").header("Access-Control-Allow-Origin", "*");
        try {
            ctx.contentType("application/json; charset=utf-8").result(JSON.writeValueAsString(out));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Users.Organisation find(String slug) {
        return organisations.get().stream().filter(o -> o.slug().equals(slug)).findFirst()
                .orElseThrow(() -> new NotFoundResponse("No organisation called '" + slug + "'"));
    }

    private static Shown shown(Users.Organisation o, String lang, int datasets) {
        String name = lang.equals("en") && o.nameEn() != null && !o.nameEn().isBlank() ? o.nameEn() : o.name();
        String home = o.homepage() != null && (o.homepage().startsWith("https://") || o.homepage().startsWith("http://")) ? o.homepage() : null;
        return new Shown(o.slug(), name, home, datasets);
    }

    private void send(Context ctx, String template, String lang, Map<String, Object> model) {
        ctx.header("Cache-Control", "no-cache");
        Templates.send(ctx, templates.render(template, lang, model));
    }
}
