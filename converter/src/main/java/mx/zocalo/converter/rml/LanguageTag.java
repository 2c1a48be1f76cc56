package mx.zocalo.converter.rml;

import java.util.regex.Pattern;

/** Well-formed BCP 47 language tags (RFC 5646 syntax, without checking the subtag registry). */
final class LanguageTag {
    private static final Pattern SYNTAX = Pattern.compile(
            "(?i)([a-z]{2,3}(-[a-z]{3}){0,3}|[a-z]{4,8})(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?"
                    + "(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(-[0-9a-wy-z](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?"
                    + "|x(-[a-z0-9]{1,8})+|i-[a-z0-9]{2,8}");

    private LanguageTag() {}

    static boolean isWellFormed(String tag) {
        return SYNTAX.matcher(tag).matches();
    }
}
