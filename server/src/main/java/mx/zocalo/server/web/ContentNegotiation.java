package mx.zocalo.server.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses a representation from an HTTP {@code Accept} header: the offered type with the highest quality
 * value (the most specific matching range decides a type's q), ties broken by the order of the offer.
 *
 * <pre>{@code
 * Optional<String> t = ContentNegotiation.choose("text/turtle;q=0.9, text/html", List.of("text/html", "text/turtle"));
 * // t = "text/html"
 * }</pre>
 */
public final class ContentNegotiation {

    private ContentNegotiation() {}

    /** The chosen type, or empty when the client accepts none of {@code offered}. A missing header accepts all. */
    public static Optional<String> choose(String accept, List<String> offered) {
        if (offered.isEmpty()) return Optional.empty();
        if (accept == null || accept.isBlank()) return Optional.of(offered.get(0));
        List<Range> ranges = parse(accept);
        String best = null;
        double bestQ = 0;
        for (String type : offered) {
            double q = quality(type, ranges);
            if (q > bestQ) {
                bestQ = q;
                best = type;
            }
        }
        return Optional.ofNullable(best);
    }

    static double quality(String type, List<Range> ranges) {
        String[] ts = type.toLowerCase(Locale.ROOT).split("/", 2);
        int bestSpecificity = -1;
        double q = 0;
        for (Range r : ranges) {
            int specificity;
            if (r.type.equals(ts[0]) && r.subtype.equals(ts[1])) specificity = 2;
            else if (r.type.equals(ts[0]) && r.subtype.equals("*")) specificity = 1;
            else if (r.type.equals("*") && r.subtype.equals("*")) specificity = 0;
            else continue;
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                q = r.q;
            }
        }
        return q;
    }

    record Range(String type, String subtype, double q) {}

    static List<Range> parse(String accept) {
        List<Range> out = new ArrayList<>();
        for (String part : accept.split(",")) {
            String[] params = part.trim().split(";");
            if (params.length == 0) continue; // ";;;"
            String mt = params[0].trim().toLowerCase(Locale.ROOT);
            if (mt.isEmpty()) continue;
            if (mt.equals("*")) mt = "*/*";
            String[] ts = mt.split("/", 2);
            if (ts.length != 2) continue;
            double q = 1.0;
            for (int i = 1; i < params.length; i++) {
                String p = params[i].trim();
                if (p.startsWith("q=") || p.startsWith("Q=")) {
                    try {
                        double v = Double.parseDouble(p.substring(2).trim());
                        q = Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            out.add(new Range(ts[0].trim(), ts[1].trim(), q));
        }
        return out;
    }
}
