package mx.zocalo.converter.auto;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import mx.zocalo.converter.source.TableRow;

/**
 * Chooses the columns of the {@link RowLabel}, from the column profiles and a sample of rows drawn evenly from the
 * whole table while it is profiled (a reservoir of {@link #SAMPLE} rows, the same for the same file).
 *
 * <p><b>A name column</b> is a text column whose values read as names, not codes: at least 90 % of the sampled values
 * have two letters or more, at least as many letters as other characters, and, if of one word, no {@code _}
 * ({@code "Nuevo León"}, {@code "H. Cámara de Diputados"}, {@code "enero"}; not {@code "01001"}, {@code "VPH_SINTIC"},
 * {@code "008A"}); their mean length is at most 60 characters (a name, not a sentence), at most 5 % of the rows are
 * empty, there is no missing-value marker, and the header has none of {@code ( ) { } \ $} (the YAML form must be able to
 * reference it). The label's first column is the identifier column when it is a name column; else the name column that
 * comes first by: a header naming a name (a word of {@link #NAME_HEADER} between its {@code _}, such as {@code nom_mun},
 * {@code entidad_federativa}, {@code RAMO}), values of several words, the most distinct values in the sample, the
 * leftmost.
 *
 * <p><b>Telling rows apart.</b> When that column's values repeat in the table and the sample, columns are added one at a
 * time, at most {@link #MAX_ADDED}, each the one that makes the label most distinct in the sample (ties: a name first,
 * then the fewest distinct values, then the leftmost), while the label is not distinct in the sample and each adds at
 * least 0.5 % of it. Only categories are added: no empty cell or marker, at most {@link ColumnProfile#MAX_CATEGORIES}
 * distinct values and each on two rows or more on average; text or dates, or whole numbers that are all years
 * (1800–2199), never amounts. They follow the name in the table's order.
 */
final class LabelChoice {
    static final int SAMPLE = 1_000;
    private static final int MAX_LENGTH = 60;
    /** Columns added to the name to tell rows apart, at most. */
    private static final int MAX_ADDED = 3;
    private static final Pattern NAME_HEADER = Pattern.compile(
            "nombre|nom|name|descripcion|denominacion|entidad|estado|municipio|localidad|ciudad|pais|colonia|ramo|ente"
                    + "|dependencia|institucion|unidad|programa|proveedor|concepto|indicador|titulo|title|label|etiqueta");
    private static final Pattern YEAR = Pattern.compile("1[89][0-9]{2}|2[01][0-9]{2}");

    private final List<List<String>> sample = new ArrayList<>();
    private final Random random = new Random(11);
    private long seen;
    private List<String> first;

    /** Offers a row to the sample (reservoir sampling: every row of the table has the same chance to be kept). */
    void add(TableRow row) {
        seen++;
        if (first == null) {
            first = new ArrayList<>(row.values());
        }
        if (sample.size() < SAMPLE) {
            sample.add(new ArrayList<>(row.values()));
        } else {
            long j = random.nextLong(seen);
            if (j < SAMPLE) {
                sample.set((int) j, new ArrayList<>(row.values()));
            }
        }
    }

    /** The label of rows with these columns (property names in {@code names}, same order), identifier and row count. */
    RowLabel choose(List<ColumnProfile> columns, List<String> names, ColumnProfile id, long rows) {
        List<ColumnProfile> candidates = new ArrayList<>();
        for (ColumnProfile c : columns) {
            if (isName(c, rows)) {
                candidates.add(c);
            }
        }
        if (candidates.isEmpty()) {
            if (id != null && usable(id)) {
                return labelled(List.of(new RowLabel.Part(id, "")),
                        "no column reads as a name; the identifier \"" + id.title() + "\" labels the rows");
            }
            return RowLabel.byRowNumber("no column reads as a name: \"Fila n\"@es and \"Row n\"@en, n the data row number");
        }
        if (id != null && candidates.contains(id)) {
            return labelled(List.of(new RowLabel.Part(id, "")), "the identifier \"" + id.title() + "\" reads as a name");
        }
        ColumnProfile name = candidates.stream().min(Comparator
                .comparing((ColumnProfile c) -> !namedLike(names.get(columns.indexOf(c))))
                .thenComparing(c -> spaces(c) < 0.5)
                .thenComparing(c -> -distinct(List.of(c)))
                .thenComparingInt(ColumnProfile::index)).orElseThrow();
        List<ColumnProfile> chosen = new ArrayList<>(List.of(name));
        List<ColumnProfile> added = new ArrayList<>();
        double ratio = ratio(chosen);
        while (!name.unique() && ratio < 1 && added.size() < MAX_ADDED) {
            ColumnProfile best = null;
            double bestRatio = ratio;
            List<ColumnProfile> options = new ArrayList<>();
            for (ColumnProfile c : columns) {
                if (!chosen.contains(c) && isCategory(c, rows)) {
                    options.add(c);
                }
            }
            double top = options.stream().mapToDouble(c -> ratio(with(chosen, c))).max().orElse(0);
            if (top < ratio + 0.005) {
                break;
            }
            for (ColumnProfile c : options) {
                double r = ratio(with(chosen, c));
                if (r == top && (best == null || better(c, best))) {
                    best = c;
                    bestRatio = r;
                }
            }
            chosen.add(best);
            added.add(best);
            ratio = bestRatio;
        }
        added.sort(Comparator.comparingInt(ColumnProfile::index));
        List<RowLabel.Part> parts = new ArrayList<>();
        parts.add(new RowLabel.Part(name, ""));
        for (ColumnProfile c : added) {
            parts.add(new RowLabel.Part(c, c.type() == ColumnType.STRING && !readsAsName(c) ? c.title() + " " : ""));
        }
        String why = "\"" + name.title() + "\" reads as a name";
        if (!added.isEmpty()) {
            List<String> titles = added.stream().map(c -> "\"" + c.title() + "\"").toList();
            why += "; " + (titles.size() == 1 ? titles.get(0) + " tells"
                    : String.join(", ", titles.subList(0, titles.size() - 1)) + " and " + titles.get(titles.size() - 1) + " tell")
                    + " apart rows with the same \"" + name.title() + "\"";
        }
        return labelled(parts, why);
    }

    private RowLabel labelled(List<RowLabel.Part> parts, String why) {
        RowLabel label = new RowLabel(parts, why, null);
        return new RowLabel(parts, why, first == null ? null : label.of(first));
    }

    /** A property name with a word of {@link #NAME_HEADER} between its {@code _}, or starting with {@code nombre}. */
    private static boolean namedLike(String name) {
        for (String token : name.split("_")) {
            if (NAME_HEADER.matcher(token).matches() || token.startsWith("nombre")) {
                return true;
            }
        }
        return false;
    }

    /** A name among categories first, then the fewer distinct values, then the leftmost. */
    private boolean better(ColumnProfile c, ColumnProfile than) {
        boolean n = c.type() == ColumnType.STRING && readsAsName(c);
        boolean m = than.type() == ColumnType.STRING && readsAsName(than);
        if (n != m) {
            return n;
        }
        if (c.categories() != than.categories()) {
            return c.categories() < than.categories();
        }
        return c.index() < than.index();
    }

    private static List<ColumnProfile> with(List<ColumnProfile> chosen, ColumnProfile c) {
        List<ColumnProfile> out = new ArrayList<>(chosen);
        out.add(c);
        return out;
    }

    /** A column a label can take: no marker, and a header the YAML form can reference in a template. */
    private static boolean usable(ColumnProfile c) {
        return c.markers().isEmpty() && !c.title().isBlank() && c.title().chars().noneMatch(ch -> "(){}\\$".indexOf(ch) >= 0);
    }

    private boolean isName(ColumnProfile c, long rows) {
        return c.type() == ColumnType.STRING && usable(c) && c.missing() <= rows * 0.05 && readsAsName(c) && meanLength(c) <= MAX_LENGTH;
    }

    private boolean isCategory(ColumnProfile c, long rows) {
        if (!usable(c) || c.missing() > 0 || c.categories() < 1 || c.categories() * 2 > rows || meanLength(c) > MAX_LENGTH) {
            return false;
        }
        return switch (c.type()) {
            case STRING, DATE, DATE_TIME -> true;
            case INTEGER -> values(c).stream().allMatch(v -> YEAR.matcher(v.strip()).matches());
            default -> false;
        };
    }

    private boolean readsAsName(ColumnProfile c) {
        List<String> values = values(c);
        long names = values.stream().filter(LabelChoice::nameLike).count();
        return !values.isEmpty() && names >= values.size() * 0.9;
    }

    /** Two letters or more, at least as many letters as other characters (spaces aside); one word: no underscore. */
    static boolean nameLike(String value) {
        String v = value.strip();
        int letters = 0;
        int other = 0;
        boolean words = v.chars().anyMatch(Character::isWhitespace);
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch == '_' && !words) {
                return false;
            }
            if (Character.isLetter(ch)) {
                letters++;
            } else if (!Character.isWhitespace(ch)) {
                other++;
            }
        }
        return letters >= 2 && letters >= other;
    }

    /** The share of sampled values with more than one word. */
    private double spaces(ColumnProfile c) {
        List<String> values = values(c);
        return values.isEmpty() ? 0 : values.stream().filter(v -> v.strip().indexOf(' ') > 0).count() / (double) values.size();
    }

    private double meanLength(ColumnProfile c) {
        return values(c).stream().mapToInt(v -> v.strip().length()).average().orElse(0);
    }

    /** The sampled values of a column, empty cells left out. */
    private List<String> values(ColumnProfile c) {
        List<String> out = new ArrayList<>();
        for (List<String> row : sample) {
            String v = c.index() < row.size() ? row.get(c.index()) : null;
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** Distinct combinations of these columns' values among the sampled rows that have all of them. */
    private int distinct(List<ColumnProfile> cols) {
        Set<List<String>> seenValues = new HashSet<>();
        for (List<String> row : sample) {
            List<String> key = new ArrayList<>(cols.size());
            for (ColumnProfile c : cols) {
                key.add(c.index() < row.size() ? row.get(c.index()) : null);
            }
            seenValues.add(key);
        }
        return seenValues.size();
    }

    private double ratio(List<ColumnProfile> cols) {
        return sample.isEmpty() ? 1 : distinct(cols) / (double) sample.size();
    }
}
