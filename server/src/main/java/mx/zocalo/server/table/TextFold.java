package mx.zocalo.server.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.jena.sparql.expr.E_StrLowerCase;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.nodevalue.NodeValueString;

/**
 * How {@code $q} reads text, the same in Java and in SPARQL: lower case, the accents of Spanish and its neighbours
 * taken off ({@code á à â ä ã å → a}, {@code é è ê ë → e}, {@code í ì î ï → i}, {@code ó ò ô ö õ → o},
 * {@code ú ù û ü → u}, {@code ñ → n}, {@code ç → c}, {@code ý ÿ → y}), and every run of other characters (anything but
 * {@code a-z} and {@code 0-9}) made one space. The words of a text are what the spaces separate.
 *
 * <p>A search index that wants to give the same answers as {@code $q} folds with {@link #fold(String)} and tokenizes
 * on spaces; {@code $q} matches a row when every word of the query begins a word of one of its text columns.
 */
public final class TextFold {
    /** Pairs of (characters, replacement), applied after lower-casing. */
    private static final String[][] ACCENTS = {
        {"áàâäãå", "a"}, {"éèêë", "e"}, {"íìîï", "i"}, {"óòôöõ", "o"}, {"úùûü", "u"}, {"ñ", "n"}, {"ç", "c"}, {"ýÿ", "y"},
    };
    private static final String OTHER = "[^a-z0-9]+";

    private TextFold() {}

    /** The folded text: {@code "Nuevo León, 2014"} → {@code "nuevo leon 2014"} (spaces at the ends kept). */
    public static String fold(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = null;
            for (String[] a : ACCENTS) {
                if (a[0].indexOf(c) >= 0) r = a[1];
            }
            if (r != null) b.append(r);
            else b.append(c);
        }
        return b.toString().replaceAll(OTHER, " ");
    }

    /** The words of {@code text}, folded: what {@code $q} looks for. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : fold(text).trim().split(" ")) if (!w.isEmpty()) out.add(w);
        return out;
    }

    /** The same folding as a SPARQL expression over {@code text} (a string). */
    static Expr sparql(Expr text) {
        Expr e = new E_StrLowerCase(text);
        for (String[] a : ACCENTS) {
            e = new E_StrReplace(e, new NodeValueString(a[0].length() == 1 ? a[0] : "[" + a[0] + "]"), new NodeValueString(a[1]), null);
        }
        return new E_StrReplace(e, new NodeValueString(OTHER), new NodeValueString(" "), null);
    }
}
