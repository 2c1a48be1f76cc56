package mx.zocalo.server.table;

import java.text.Normalizer;
import java.util.Locale;

/** How the table model names classes and columns: lower-case ASCII words joined by {@code _}, as Socrata's field names. */
final class Names {
    private Names() {}

    /** The part of an IRI after its last {@code #} or {@code /}. */
    static String localName(String iri) {
        int cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
        return cut < 0 ? iri : iri.substring(cut + 1);
    }

    /**
     * {@code montoTotal} → {@code monto_total}, {@code GC_GASTO_DE_OPERACIÓN} → {@code gc_gasto_de_operacion},
     * {@code asWKT} → {@code as_wkt}; a name starting with a digit gets {@code c_} in front; nothing usable gives
     * {@code column}.
     */
    static String snake(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            char prev = i > 0 ? ascii.charAt(i - 1) : ' ';
            char next = i + 1 < ascii.length() ? ascii.charAt(i + 1) : ' ';
            if (Character.isUpperCase(c) && (Character.isLowerCase(prev) || Character.isDigit(prev)
                    || Character.isUpperCase(prev) && Character.isLowerCase(next))) {
                b.append('_');
            }
            b.append(c);
        }
        String s = b.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (s.isEmpty()) return "column";
        return Character.isDigit(s.charAt(0)) ? "c_" + s : s;
    }

    /** {@code montoTotal} → {@code monto total}: a label for a property that has none. */
    static String words(String localName) {
        return snake(localName).replace('_', ' ');
    }
}
