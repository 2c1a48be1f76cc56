package mx.zocalo.server.table;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * A row query the portal cannot answer because of what it says (HTTP 400): a syntax error, an unknown column, a type
 * mismatch, a limit out of range. It names the parameter ({@code $where}), the position (from 0) and the token where
 * the problem is, and a stable {@link #code()}; its message comes from the portal's message bundle
 * ({@code rows.error.<code>} in {@code site/i18n}), in English by {@link #getMessage()} or in any language by
 * {@link #message(Map)}.
 */
public final class SoqlException extends RuntimeException {
    private static final String BUNDLE = "zocalo.site.i18n.messages";
    private final String code;
    private final String parameter;
    private final int position;
    private final String token;
    private final Map<String, String> values;

    SoqlException(String code, String parameter, int position, String token, Map<String, String> values) {
        super(code);
        this.code = code;
        this.parameter = parameter;
        this.position = position;
        this.token = token;
        this.values = new LinkedHashMap<>(values);
    }

    /** The same error, said of {@code parameter} (when the parser or analyzer did not know which one it read). */
    SoqlException in(String parameter) {
        if (this.parameter != null) return this;
        SoqlException e = new SoqlException(code, parameter, position, token, values);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** Stable, for programs: {@code syntax}, {@code no-column}, {@code type}, {@code not-grouped}, ... */
    public String code() {
        return code;
    }

    /** The parameter the problem is in ({@code $where}, {@code $limit}, {@code class}...), or {@code null}. */
    public String parameter() {
        return parameter;
    }

    /** Where in the parameter's text, from 0; {@code -1} when the problem is the parameter as a whole. */
    public int position() {
        return position;
    }

    /** The token at fault as written, or {@code null}. */
    public String token() {
        return token;
    }

    /** The values the message is made of ({@code name}, {@code columns}, {@code expected}...). */
    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    @Override
    public String getMessage() {
        return message(bundle("en"));
    }

    /**
     * The message in the language of {@code bundle} (the portal's messages for one language: {@code rows.error.*}),
     * starting with where it is: {@code $where, position 1: no column "monto"; columns: ...}.
     */
    public String message(Map<String, String> bundle) {
        Map<String, String> all = new LinkedHashMap<>(values);
        if (parameter != null) all.put("parameter", parameter);
        if (position >= 0) all.put("position", String.valueOf(position + 1));
        if (token != null) all.putIfAbsent("token", token);
        String where = parameter == null ? "" : fill(bundle.getOrDefault(position >= 0 ? "rows.error.at" : "rows.error.in",
                position >= 0 ? "{parameter}, position {position}: " : "{parameter}: "), all);
        String text = bundle.get("rows.error." + code);
        return where + (text == null ? code + " " + values : fill(text, all));
    }

    /** The messages of the portal in {@code lang}, as a map (what {@link #message(Map)} reads). */
    static Map<String, String> bundle(String lang) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            ResourceBundle b = ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(lang),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            for (String k : b.keySet()) m.put(k, b.getString(k));
        } catch (MissingResourceException e) {
            // no bundle on the class path: the code and values stand in
        }
        return m;
    }

    private static String fill(String text, Map<String, String> values) {
        for (Map.Entry<String, String> v : values.entrySet()) text = text.replace("{" + v.getKey() + "}", v.getValue());
        return text;
    }
}
