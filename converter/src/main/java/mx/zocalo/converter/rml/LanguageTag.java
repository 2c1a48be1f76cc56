package mx.zocalo.converter.rml;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * BCP 47 language tags (RFC 5646): well-formed (section 2.1, the syntax) and valid (section 2.2.9: every language,
 * extended language, script, region and variant subtag is in the IANA Language Subtag Registry, no variant or extension
 * singleton repeats; grandfathered tags are valid as a whole, private use ({@code x-...}) always). Extension contents
 * ({@code u-...}) are not checked: they have registries of their own. The registry is the copy in
 * {@code language-subtags.txt} beside this class (its first lines say which one).
 */
final class LanguageTag {
    private static final Pattern SYNTAX = Pattern.compile(
            "(?i)([a-z]{2,3}(-[a-z]{3}){0,3}|[a-z]{4,8})(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?"
                    + "(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(-[0-9a-wy-z](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?"
                    + "|x(-[a-z0-9]{1,8})+|i-[a-z0-9]{2,8}");

    /** Tags found valid, so that a language map over many rows checks each distinct tag once. */
    private static final Map<String, Boolean> VALID = new ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED = 4096;

    private LanguageTag() {}

    static boolean isWellFormed(String tag) {
        return SYNTAX.matcher(tag).matches() || Registry.INSTANCE.grandfathered.contains(tag.toLowerCase(Locale.ROOT));
    }

    /** Whether the tag is well-formed and valid. */
    static boolean isValid(String tag) {
        return problem(tag) == null;
    }

    /**
     * Why the tag is not a valid BCP 47 language tag, in words, with the fix when one is known
     * ({@code "english" is not a registered primary language subtag; for English write "en"}), or null when it is valid.
     */
    static String problem(String tag) {
        if (VALID.containsKey(tag)) {
            return null;
        }
        String problem = check(tag);
        if (problem == null && VALID.size() < MAX_REMEMBERED) {
            VALID.put(tag, Boolean.TRUE);
        }
        return problem;
    }

    private static String check(String tag) {
        Registry registry = Registry.INSTANCE;
        String lower = tag.toLowerCase(Locale.ROOT);
        if (registry.grandfathered.contains(lower)) {
            return null;
        }
        if (!SYNTAX.matcher(tag).matches()) {
            return "\"" + tag + "\" is not a well-formed language tag (BCP 47: a language subtag such as \"es\", then optional "
                    + "script, region and variant subtags separated by \"-\", as in \"es-MX\" or \"zh-Hant-TW\")";
        }
        String[] parts = lower.split("-");
        if (parts[0].equals("x")) {
            return null; // private use
        }
        if (parts[0].equals("i")) {
            return "\"" + tag + "\" is not a registered tag (of the tags starting with \"i-\", BCP 47 keeps only the "
                    + "grandfathered ones, such as \"i-navajo\")";
        }
        String language = parts[0];
        if (!registry.has("language", language)) {
            return "\"" + original(tag, 0) + "\" is not a registered primary language subtag" + registry.hint(language)
                    + " (IANA Language Subtag Registry)";
        }
        int i = 1;
        while (i < parts.length && parts[i].length() == 3 && isAlpha(parts[i])) {
            if (!registry.has("extlang", parts[i])) {
                return "\"" + original(tag, i) + "\" is not a registered extended language subtag (IANA Language Subtag Registry)";
            }
            i++;
        }
        if (i < parts.length && parts[i].length() == 4 && isAlpha(parts[i])) {
            if (!registry.has("script", parts[i])) {
                return "\"" + original(tag, i) + "\" is not a registered script subtag (IANA Language Subtag Registry; "
                        + "e.g. \"Latn\", \"Hant\")";
            }
            i++;
        }
        if (i < parts.length && (parts[i].length() == 2 && isAlpha(parts[i]) || parts[i].length() == 3 && !isAlpha(parts[i]))) {
            if (!registry.has("region", parts[i])) {
                return "\"" + original(tag, i) + "\" is not a registered region subtag (IANA Language Subtag Registry; "
                        + "e.g. \"MX\", \"419\")";
            }
            i++;
        }
        Set<String> variants = new HashSet<>();
        while (i < parts.length && parts[i].length() > 1) {
            if (!registry.has("variant", parts[i])) {
                return "\"" + original(tag, i) + "\" is not a registered variant subtag (IANA Language Subtag Registry)";
            }
            if (!variants.add(parts[i])) {
                return "the variant subtag \"" + original(tag, i) + "\" appears twice";
            }
            i++;
        }
        Set<String> singletons = new HashSet<>();
        for (; i < parts.length; i++) {
            if (parts[i].length() == 1) {
                if (parts[i].equals("x")) {
                    return null; // the rest is private use
                }
                if (!singletons.add(parts[i])) {
                    return "the extension \"" + parts[i] + "-\" appears twice";
                }
            }
        }
        return null;
    }

    private static String original(String tag, int index) {
        return tag.split("-")[index];
    }

    private static boolean isAlpha(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    /** The subtags of {@code language-subtags.txt}, lower case, by type; ranges apart; names of two-letter languages. */
    private static final class Registry {
        static final Registry INSTANCE = load();

        final Map<String, Set<String>> subtags = new HashMap<>();
        final Map<String, List<String[]>> ranges = new HashMap<>();
        final Set<String> grandfathered = new HashSet<>();
        /** A language's English name or three-letter ISO 639-2 code (lower case) → its two-letter subtag and name. */
        final Map<String, String[]> twoLetter = new HashMap<>();

        boolean has(String type, String subtag) {
            if (subtags.getOrDefault(type, Set.of()).contains(subtag)) {
                return true;
            }
            for (String[] range : ranges.getOrDefault(type, List.of())) {
                if (subtag.length() == range[0].length() && subtag.compareTo(range[0]) >= 0 && subtag.compareTo(range[1]) <= 0) {
                    return true;
                }
            }
            return false;
        }

        /** How to write the language instead, when {@code word} is its name or its three-letter code; else "". */
        String hint(String word) {
            String[] code = twoLetter.get(word);
            if (code == null) {
                return "";
            }
            return word.length() == 3 ? "; BCP 47 writes " + code[1] + " with its two-letter code \"" + code[0] + "\""
                    : "; for " + code[1] + " write \"" + code[0] + "\"";
        }

        private static Registry load() {
            Registry r = new Registry();
            try (InputStream in = LanguageTag.class.getResourceAsStream("language-subtags.txt")) {
                if (in == null) {
                    throw new IllegalStateException("language-subtags.txt is missing beside " + LanguageTag.class.getName());
                }
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    String[] cells = line.split("\t");
                    String type = cells[0];
                    String subtag = cells[1].toLowerCase(Locale.ROOT);
                    if (type.equals("grandfathered")) {
                        r.grandfathered.add(subtag);
                    } else if (subtag.contains("..")) {
                        r.ranges.computeIfAbsent(type, k -> new ArrayList<>()).add(subtag.split("\\.\\."));
                    } else {
                        r.subtags.computeIfAbsent(type, k -> new HashSet<>()).add(subtag);
                    }
                    if (cells.length > 2) {
                        String[] names = cells[2].split("\\|");
                        String[] code = {subtag, names[0]};
                        for (String name : names) {
                            r.twoLetter.putIfAbsent(name.toLowerCase(Locale.ROOT), code);
                        }
                        if (cells.length > 3) {
                            for (String three : cells[3].split(" ")) {
                                r.twoLetter.putIfAbsent(three, code);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return r;
        }
    }
}
