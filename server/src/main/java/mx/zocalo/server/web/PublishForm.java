package mx.zocalo.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The metadata form of {@code /publish} and {@code /dataset/{slug}/edit}, to and from the fields of a dataset.yaml:
 * titles, descriptions and keywords in Spanish and English, themes, licence, publisher, contact, period, place,
 * periodicity, dates, and the corrections of how the table is read (header row, sheet, id column).
 */
final class PublishForm {
    static final List<String> LANGS = List.of("es", "en");
    /** The EU data themes (DCAT-AP). */
    static final List<String> THEMES = List.of("AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST", "REGI",
            "SOCI", "TECH", "TRAN");
    static final List<String> PERIODICITIES = List.of("", "DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "ANNUAL", "IRREG", "NEVER");
    static final List<String> LICENSES = List.of("https://datos.gob.mx/libreusomx", "http://creativecommons.org/licenses/by/4.0/",
            "https://www.inegi.org.mx/inegi/terminos.html");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PublishForm() {}

    /** The dataset.yaml fields of the form in {@code param} (a form's fields by name). */
    static ObjectNode metadata(Function<String, String> param, List<String> themes) {
        ObjectNode m = JSON.createObjectNode();
        for (String field : List.of("title", "description")) {
            ObjectNode byLang = JSON.createObjectNode();
            for (String l : LANGS) put(byLang, l, param.apply(field + "_" + l));
            if (!byLang.isEmpty()) m.set(field, byLang);
        }
        ObjectNode keywords = JSON.createObjectNode();
        for (String l : LANGS) {
            String v = param.apply("keywords_" + l);
            if (v == null || v.isBlank()) continue;
            ArrayNode a = keywords.putArray(l);
            Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(a::add);
        }
        if (!keywords.isEmpty()) m.set("keywords", keywords);
        if (!themes.isEmpty()) {
            ArrayNode t = m.putArray("themes");
            themes.stream().filter(THEMES::contains).forEach(t::add);
        }
        put(m, "license", param.apply("license"));
        ObjectNode publisher = JSON.createObjectNode();
        put(publisher, "name", param.apply("publisher_name"));
        put(publisher, "homepage", param.apply("publisher_homepage"));
        if (publisher.has("name")) m.set("publisher", publisher);
        ObjectNode contact = JSON.createObjectNode();
        for (String f : List.of("name", "email", "url")) put(contact, f, param.apply("contact_" + f));
        if (!contact.isEmpty()) m.set("contact", contact);
        ObjectNode temporal = JSON.createObjectNode();
        put(temporal, "start", param.apply("temporal_start"));
        put(temporal, "end", param.apply("temporal_end"));
        if (!temporal.isEmpty()) m.set("temporal", temporal);
        for (String f : List.of("spatial", "accrualPeriodicity", "issued", "modified", "organisation")) put(m, f, param.apply(f));
        ObjectNode source = JSON.createObjectNode();
        put(source, "headerRow", param.apply("headerRow"));
        put(source, "sheet", param.apply("sheet"));
        put(source, "idColumn", param.apply("idColumn"));
        if (source.has("headerRow") && source.get("headerRow").asText().matches("[0-9]{1,6}")) {
            source.put("headerRow", Integer.parseInt(source.get("headerRow").asText()));
        }
        String columns = param.apply("columns");
        if (columns != null && !columns.isBlank()) {
            try {
                JsonNode c = JSON.readTree(columns);
                if (c.isObject() && !c.isEmpty()) source.set("columns", c);
            } catch (java.io.IOException e) {
                // not JSON: no corrections
            }
        }
        if (!source.isEmpty()) m.set("source", source);
        return m;
    }

    static ObjectNode metadata(Context ctx) {
        return metadata(ctx::formParam, ctx.formParams("themes"));
    }

    /** The form's values for the fields of a dataset.yaml (to fill the form again). */
    static Map<String, Object> values(JsonNode m) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (String l : LANGS) {
            v.put("title_" + l, m.path("title").path(l).asText(""));
            v.put("description_" + l, m.path("description").path(l).asText(""));
            List<String> k = new java.util.ArrayList<>();
            m.path("keywords").path(l).forEach(x -> k.add(x.asText()));
            v.put("keywords_" + l, String.join(", ", k));
        }
        List<String> themes = new java.util.ArrayList<>();
        m.path("themes").forEach(x -> themes.add(x.asText()));
        v.put("themes", themes);
        v.put("license", m.path("license").asText(""));
        v.put("publisher_name", m.path("publisher").path("name").asText(""));
        v.put("publisher_homepage", m.path("publisher").path("homepage").asText(""));
        for (String f : List.of("name", "email", "url")) v.put("contact_" + f, m.path("contact").path(f).asText(""));
        v.put("temporal_start", m.path("temporal").path("start").asText(""));
        v.put("temporal_end", m.path("temporal").path("end").asText(""));
        for (String f : List.of("spatial", "accrualPeriodicity", "issued", "modified", "organisation", "slug")) v.put(f, m.path(f).asText(""));
        v.put("headerRow", m.path("source").path("headerRow").asText(""));
        v.put("sheet", m.path("source").path("sheet").asText(""));
        v.put("idColumn", m.path("source").path("idColumn").asText(""));
        JsonNode columns = m.path("source").path("columns");
        v.put("columns", columns.isObject() && !columns.isEmpty() ? columns.toString() : "");
        return v;
    }

    private static void put(ObjectNode n, String field, String value) {
        if (value != null && !value.isBlank()) n.put(field, value.strip());
    }
}
