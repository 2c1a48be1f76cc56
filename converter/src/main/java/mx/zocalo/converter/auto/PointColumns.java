package mx.zocalo.converter.auto;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import mx.zocalo.converter.geo.Coordinates;
import mx.zocalo.converter.source.TableRow;

/**
 * Finds a table's latitude and longitude columns while {@link AutoMapping#infer} reads it: columns named like them
 * ({@code latitud}/{@code longitud}, {@code lat}/{@code lon}/{@code lng}, {@code latitude}/{@code longitude}, with a
 * prefix or suffix after an {@code _}: {@code lat_dec}, {@code coord_lat}; {@code y}/{@code x} only when every value is
 * a decimal number in range and some have a fraction), whose values are decimal degrees or degrees-minutes-seconds
 * ({@link Coordinates}). A pair is taken when both columns are found and at least {@value #SHARE}% of the values of
 * each are coordinates in range; the others are reported, and their rows get no point.
 */
final class PointColumns {
    /** The share of a column's values that must read as coordinates, in percent. */
    static final int SHARE = 95;
    private static final int EXAMPLES = 3;
    private static final Pattern LATITUDE = Pattern.compile("(lat|latitud|latitude)(_.*)?|.*_(lat|latitud|latitude)");
    private static final Pattern LONGITUDE = Pattern.compile("(lon|lng|long|longitud|longitude)(_.*)?|.*_(lon|lng|long|longitud|longitude)");

    /** What the values of one candidate column were. */
    private static final class Candidate {
        final ColumnProfile column;
        final Coordinates.Axis axis;
        long good;
        long bad;
        boolean sexagesimal;
        boolean fraction;
        final List<String> examples = new ArrayList<>();

        Candidate(ColumnProfile column, Coordinates.Axis axis) {
            this.column = column;
            this.axis = axis;
        }

        void add(TableRow row) {
            String cell = row.value(column.index());
            if (Values.isMissing(cell)) {
                return;
            }
            try {
                BigDecimal v = Coordinates.read(cell, axis);
                good++;
                String t = cell.strip();
                boolean decimal = t.matches("[-+]?[0-9]*\\.?[0-9]+");
                sexagesimal |= !decimal;
                fraction |= decimal && t.indexOf('.') >= 0 && v.stripTrailingZeros().scale() > 0;
            } catch (IllegalArgumentException e) {
                bad++;
                if (examples.size() < EXAMPLES) {
                    examples.add(String.format(Locale.ROOT, "row %d (line %d): \"%s\" (%s)", row.number(), row.line(), cell.strip(), e.getMessage()));
                }
            }
        }

        boolean enough() {
            return good > 0 && good * 100 >= (good + bad) * SHARE;
        }
    }

    /**
     * The recognised pair: the latitude and longitude columns, whether their values are degrees-minutes-seconds, and
     * the notes on values that are not coordinates.
     */
    record Pair(ColumnProfile latitude, ColumnProfile longitude, boolean sexagesimal, List<String> notes) {
        /** In words, for the explanation. */
        String describe() {
            return "\"" + latitude.title() + "\" and \"" + longitude.title() + "\" ("
                    + (sexagesimal ? "degrees, minutes and seconds" : "decimal degrees") + ")";
        }
    }

    private final List<Candidate> latitudes = new ArrayList<>();
    private final List<Candidate> longitudes = new ArrayList<>();
    private Candidate y;
    private Candidate x;

    PointColumns(List<ColumnProfile> columns, List<String> names) {
        for (int i = 0; i < columns.size(); i++) {
            String n = names.get(i);
            if (n.equals("y")) {
                y = new Candidate(columns.get(i), Coordinates.Axis.LATITUDE);
            } else if (n.equals("x")) {
                x = new Candidate(columns.get(i), Coordinates.Axis.LONGITUDE);
            } else if (LATITUDE.matcher(n).matches()) {
                latitudes.add(new Candidate(columns.get(i), Coordinates.Axis.LATITUDE));
            } else if (LONGITUDE.matcher(n).matches()) {
                longitudes.add(new Candidate(columns.get(i), Coordinates.Axis.LONGITUDE));
            }
        }
        if (x == null || y == null) {
            x = null;
            y = null;
        }
    }

    void add(TableRow row) {
        latitudes.forEach(c -> c.add(row));
        longitudes.forEach(c -> c.add(row));
        if (x != null) {
            x.add(row);
            y.add(row);
        }
    }

    /** The pair of columns, or null when the table has none. */
    Pair choose(String file) {
        Candidate lat = latitudes.stream().filter(Candidate::enough).findFirst().orElse(null);
        Candidate lon = longitudes.stream().filter(Candidate::enough).findFirst().orElse(null);
        if (lat == null || lon == null) {
            // y and x: only decimal degrees, every value in range, some with a fraction (not projected metres, not codes)
            if (x == null || x.bad > 0 || y.bad > 0 || x.good == 0 || x.sexagesimal || y.sexagesimal || !x.fraction || !y.fraction) {
                return null;
            }
            lat = y;
            lon = x;
        }
        List<String> notes = new ArrayList<>();
        for (Candidate c : List.of(lat, lon)) {
            if (c.bad > 0) {
                notes.add(String.format(Locale.ROOT, "%s, column \"%s\": %,d value%s not a %s; %s no point: %s%s", file, c.column.title(),
                        c.bad, c.bad == 1 ? " is" : "s are", c.axis.word(), c.bad == 1 ? "its row gets" : "their rows get",
                        String.join("; ", c.examples), c.bad > c.examples.size() ? "; ..." : ""));
            }
        }
        return new Pair(lat.column, lon.column, lat.sexagesimal || lon.sexagesimal, notes);
    }
}
