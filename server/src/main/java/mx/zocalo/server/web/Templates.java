package mx.zocalo.server.web;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders the Pebble templates of {@code site/templates} with the messages of one language and the portal's
 * {@link SiteIdentity} ({@code site}; its name, when given, stands for the messages' {@code site.name}).
 */
final class Templates {
    private final PebbleEngine engine;
    private final Map<String, Map<String, String>> messages = new ConcurrentHashMap<>();
    private final SiteIdentity site;

    Templates() {
        this(SiteIdentity.DEFAULT);
    }

    Templates(SiteIdentity site) {
        this.site = java.util.Objects.requireNonNull(site);
        ClasspathLoader loader = new ClasspathLoader();
        loader.setPrefix("zocalo/site/templates");
        loader.setSuffix(".peb");
        engine = new PebbleEngine.Builder().loader(loader).strictVariables(false).extension(new LocaleFilters()).build();
    }

    /** Renders {@code name} with {@code model}, adding {@code lang} and {@code msg} (the message bundle). */
    String render(String name, String lang, Map<String, Object> model) {
        Map<String, Object> ctx = new HashMap<>(model);
        ctx.put("lang", lang);
        ctx.put("msg", messages(lang));
        ctx.put("site", site);
        PebbleTemplate t = engine.getTemplate(name);
        StringWriter w = new StringWriter();
        try {
            t.evaluate(w, ctx, LocaleFilters.locale(lang));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Sends a rendered page as UTF-8 HTML. */
    static void send(io.javalin.http.Context ctx, String html) {
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    /** Who runs the portal: its name, logo, contact and languages. */
    SiteIdentity site() {
        return site;
    }

    Map<String, String> messages(String lang) {
        return messages.computeIfAbsent(lang, l -> {
            ResourceBundle b = ResourceBundle.getBundle("zocalo.site.i18n.messages", Locale.forLanguageTag(l),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            Map<String, String> m = new HashMap<>();
            for (String k : b.keySet()) m.put(k, b.getString(k));
            if (site.name() != null) m.put("site.name", site.name());
            return m;
        });
    }
}
