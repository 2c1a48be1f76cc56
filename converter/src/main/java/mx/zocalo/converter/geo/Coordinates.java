package mx.zocalo.converter.geo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WGS84 coordinates written as people write them, read as decimal degrees: a decimal number ({@code 25.6647},
 * {@code -100.31}) or degrees, minutes and seconds ({@code 25°39'52.910" N}, {@code 100°18'39.210" W},
 * {@code -100º 18′ 39.21″}, {@code 25 39 52.9 N}, {@code N 25°39.88'}). West and south are negative; the hemisphere
 * letter may be {@code N}, {@code S}, {@code E}, {@code W} or, in Spanish, {@code O} (oeste), before or after the
 * number, or a minus sign instead of it.
 */
public final class Coordinates {
    /** Decimal places kept from degrees, minutes and seconds: 8 is about a millimetre, finer than any survey. */
    static final int SCALE = 8;
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
    private static final BigDecimal LIMIT_LATITUDE = BigDecimal.valueOf(90);
    private static final BigDecimal LIMIT_LONGITUDE = BigDecimal.valueOf(180);
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final String NUMBER = "(\\d+(?:[.,]\\d+)?)";
    /** Degrees, then optional minutes and seconds, each with its mark or separated by spaces. */
    private static final Pattern DMS = Pattern.compile(
            "([-+])?\\s*" + NUMBER + "\\s*(?:[°º˚]|deg|d\\b|\\s)\\s*"
            + "(?:" + NUMBER + "\\s*(?:['′’´]|m\\b|\\s|$)\\s*"
            + "(?:" + NUMBER + "\\s*(?:\"|″|”|''|′′|’’|s\\b)?)?)?",
            Pattern.CASE_INSENSITIVE);

    private Coordinates() {}

    /** What a coordinate is: its range and its hemisphere letters. */
    public enum Axis {
        LATITUDE("latitude", LIMIT_LATITUDE, "NS"),
        LONGITUDE("longitude", LIMIT_LONGITUDE, "EWO");

        private final String word;
        private final BigDecimal limit;
        private final String letters;

        Axis(String word, BigDecimal limit, String letters) {
            this.word = word;
            this.limit = limit;
            this.letters = letters;
        }

        public String word() {
            return word;
        }
    }

    /**
     * Decimal degrees from a decimal number or degrees-minutes-seconds text, any hemisphere letter; null for no value
     * (null or blank).
     *
     * @throws IllegalArgumentException with the reason, in words, when the text is not a coordinate
     */
    public static BigDecimal degrees(String text) {
        return read(text, null);
    }

    /**
     * A latitude (-90 to 90) or longitude (-180 to 180) in decimal degrees, from a decimal number or
     * degrees-minutes-seconds text; null for no value.
     *
     * @throws IllegalArgumentException with the reason when the text is not one, its hemisphere letter is of the other
     *                                  axis, or it is out of range
     */
    public static BigDecimal read(String text, Axis axis) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        int sign = 1;
        Character hemisphere = null;
        char last = Character.toUpperCase(t.charAt(t.length() - 1));
        char first = Character.toUpperCase(t.charAt(0));
        if ("NSEWO".indexOf(last) >= 0 && (t.length() == 1 || !Character.isLetter(t.charAt(t.length() - 2)))) {
            hemisphere = last;
            t = t.substring(0, t.length() - 1).strip();
        } else if ("NSEWO".indexOf(first) >= 0 && t.length() > 1 && !Character.isLetter(t.charAt(1))) {
            hemisphere = first;
            t = t.substring(1).strip();
        }
        if (hemisphere != null) {
            if (axis != null && axis.letters.indexOf(hemisphere) < 0) {
                throw new IllegalArgumentException("\"" + hemisphere + "\" is not a hemisphere of a " + axis.word
                        + " (" + String.join(" or ", axis.letters.chars().mapToObj(c -> String.valueOf((char) c)).toList()) + ")");
            }
            sign = hemisphere == 'S' || hemisphere == 'W' || hemisphere == 'O' ? -1 : 1;
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("no number of degrees");
        }
        BigDecimal value;
        if (DECIMAL.matcher(t).matches()) {
            value = new BigDecimal(t);
        } else {
            value = dms(t);
        }
        if (hemisphere != null) {
            if (value.signum() < 0) {
                throw new IllegalArgumentException("both a minus sign and the hemisphere letter " + hemisphere);
            }
            value = sign < 0 ? value.negate() : value;
        }
        BigDecimal limit = axis == null ? LIMIT_LONGITUDE : axis.limit;
        if (value.abs().compareTo(limit) > 0) {
            throw new IllegalArgumentException((axis == null ? "degrees" : "a " + axis.word) + " must be between -"
                    + limit + " and " + limit);
        }
        return value;
    }

    private static BigDecimal dms(String t) {
        Matcher m = DMS.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a number of degrees, nor degrees, minutes and seconds such as 25°39'52.9\" N");
        }
        BigDecimal degrees = number(m.group(2));
        BigDecimal minutes = m.group(3) == null ? BigDecimal.ZERO : number(m.group(3));
        BigDecimal seconds = m.group(4) == null ? BigDecimal.ZERO : number(m.group(4));
        if (minutes.compareTo(SIXTY) >= 0) {
            throw new IllegalArgumentException("minutes must be under 60");
        }
        if (seconds.compareTo(SIXTY) >= 0) {
            throw new IllegalArgumentException("seconds must be under 60");
        }
        if (m.group(3) != null && degrees.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("degrees with a fraction and minutes too");
        }
        BigDecimal value = degrees.add(minutes.divide(SIXTY, SCALE + 2, RoundingMode.HALF_EVEN))
                .add(seconds.divide(SIXTY.multiply(SIXTY), SCALE + 2, RoundingMode.HALF_EVEN))
                .setScale(SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (value.scale() < 0) {
            value = value.setScale(0);
        }
        return "-".equals(m.group(1)) ? value.negate() : value;
    }

    private static BigDecimal number(String s) {
        return new BigDecimal(s.replace(',', '.'));
    }

    /** A WKT point, longitude first (CRS84, GeoSPARQL's default): {@code POINT(-100.31089167 25.66469722)}. */
    public static String wktPoint(BigDecimal longitude, BigDecimal latitude) {
        return "POINT(" + longitude.toPlainString() + " " + latitude.toPlainString() + ")";
    }

    /** The lexical form of decimal degrees as {@code xsd:decimal} writes them ({@code 25.6647}, {@code -100.0}). */
    public static String lexical(BigDecimal degrees) {
        String s = degrees.toPlainString();
        return s.indexOf('.') < 0 ? s + ".0" : s;
    }
}
