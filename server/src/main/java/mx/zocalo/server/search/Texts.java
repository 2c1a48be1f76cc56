package mx.zocalo.server.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;

/**
 * Texts by language: Spanish ({@code es}), English ({@code en}), or either ({@code ""}: untagged, or another language),
 * as a field of a document is indexed: Spanish texts with the Spanish analyzer, English ones with the English
 * analyzer, texts of no known language with both.
 */
final class Texts {
    static final List<String> LANGS = List.of("es", "en");
    private final Map<String, List<String>> byLang = new LinkedHashMap<>();

    /** Adds a literal: by its language tag ({@code es-MX} counts as Spanish), untagged ones to both languages. */
    Texts add(Node literal) {
        if (literal == null || !literal.isLiteral()) return this;
        String lang = literal.getLiteralLanguage().toLowerCase(java.util.Locale.ROOT);
        String primary = lang.contains("-") ? lang.substring(0, lang.indexOf('-')) : lang;
        return add(LANGS.contains(primary) ? primary : "", literal.getLiteralLexicalForm());
    }

    Texts add(String lang, String text) {
        if (text == null || text.isBlank()) return this;
        List<String> list = byLang.computeIfAbsent(lang, k -> new ArrayList<>());
        if (!list.contains(text.strip())) list.add(text.strip());
        return this;
    }

    /** The texts to index in {@code lang}'s field: those in that language and those of no known language. */
    List<String> forField(String lang) {
        List<String> out = new ArrayList<>(byLang.getOrDefault(lang, List.of()));
        for (String t : byLang.getOrDefault("", List.of())) if (!out.contains(t)) out.add(t);
        return out;
    }

    /** The text to show to a reader of {@code lang}: in that language, else untagged, else the other one; null if none. */
    String show(String lang) {
        for (String l : List.of(lang, "", "es", "en")) {
            List<String> list = byLang.get(l);
            if (list != null && !list.isEmpty()) return list.get(0);
        }
        return null;
    }

    boolean isEmpty() {
        return byLang.isEmpty();
    }

    /** Every text, whatever its language. */
    List<String> all() {
        List<String> out = new ArrayList<>();
        byLang.values().forEach(out::addAll);
        return out;
    }
}
