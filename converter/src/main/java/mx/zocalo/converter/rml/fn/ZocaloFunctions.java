package mx.zocalo.converter.rml.fn;

import java.math.BigDecimal;
import java.util.List;
import mx.zocalo.converter.geo.Coordinates;
import mx.zocalo.converter.geo.GeoJsonWkt;

/**
 * Zócalo's functions ({@code zf:}, {@value #ZF}): coordinates in degrees-minutes-seconds or decimal degrees as WGS84
 * decimal degrees, GeoSPARQL WKT points and shapes (from a longitude and latitude, or from a GeoJSON geometry), and
 * codes padded with zeros. A value the function cannot read is a {@link FunctionException} (an error of the row,
 * naming the column and the value); no value gives no result.
 */
final class ZocaloFunctions {
    static final String ZF = "https://w3id.org/zocalo/function#";
    static final String WKT_LITERAL = "http://www.opengis.net/ont/geosparql#wktLiteral";
    private static final String XSD = FnoFunction.XSD;

    private static final FnoParameter VALUE = new FnoParameter(ZF + "valueParam", ZF + "value", XSD + "string", true);
    private static final FnoParameter LONGITUDE = new FnoParameter(ZF + "longitudeParam", ZF + "longitude", XSD + "string", true);
    private static final FnoParameter LATITUDE = new FnoParameter(ZF + "latitudeParam", ZF + "latitude", XSD + "string", true);
    private static final FnoParameter LENGTH = new FnoParameter(ZF + "lengthParam", ZF + "length", XSD + "int", true);
    private static final FnoParameter PAD = new FnoParameter(ZF + "padParam", ZF + "pad", XSD + "string", false);
    private static final FnoOutput DECIMAL_OUT = new FnoOutput(ZF + "decimalOut", ZF + "decimalOutput", XSD + "decimal");
    private static final FnoOutput WKT_OUT = new FnoOutput(ZF + "wktOut", ZF + "wktOutput", WKT_LITERAL);
    private static final FnoOutput STRING_OUT = new FnoOutput(ZF + "stringOut", ZF + "stringOutput", XSD + "string");

    private ZocaloFunctions() {}

    static List<FnoFunction> all() {
        return List.of(
                one("dmsToDecimal", List.of(VALUE), DECIMAL_OUT, a -> degrees("zf:dmsToDecimal", (String) a[0], null, 0)),
                one("latitude", List.of(VALUE), DECIMAL_OUT,
                        a -> degrees("zf:latitude", (String) a[0], Coordinates.Axis.LATITUDE, 0)),
                one("longitude", List.of(VALUE), DECIMAL_OUT,
                        a -> degrees("zf:longitude", (String) a[0], Coordinates.Axis.LONGITUDE, 0)),
                one("wktPoint", List.of(LONGITUDE, LATITUDE), WKT_OUT, a -> point((String) a[0], (String) a[1])),
                one("geojsonToWkt", List.of(VALUE), WKT_OUT, a -> geojson((String) a[0])),
                one("padLeft", List.of(VALUE, LENGTH, PAD), STRING_OUT, a -> padLeft((String) a[0], (Integer) a[1], (String) a[2])));
    }

    private interface Single {
        Object apply(Object[] args);
    }

    private static FnoFunction one(String name, List<FnoParameter> parameters, FnoOutput output, Single body) {
        return new FnoFunction(ZF + name, parameters, List.of(output), a -> new Object[] {body.apply(a)});
    }

    private static BigDecimal degrees(String function, String text, Coordinates.Axis axis, int parameter) {
        try {
            return Coordinates.read(text, axis);
        } catch (IllegalArgumentException e) {
            throw new FunctionException(function + ": \"" + text + "\" is not " + (axis == null ? "degrees" : "a " + axis.word())
                    + ": " + e.getMessage(), parameter);
        }
    }

    /** {@code POINT(lon lat)}; no result unless both are given. */
    static String point(String longitude, String latitude) {
        if (longitude == null || latitude == null || longitude.isBlank() || latitude.isBlank()) {
            return null;
        }
        BigDecimal lon = degrees("zf:wktPoint", longitude, Coordinates.Axis.LONGITUDE, 0);
        BigDecimal lat = degrees("zf:wktPoint", latitude, Coordinates.Axis.LATITUDE, 1);
        return Coordinates.wktPoint(lon, lat);
    }

    static String geojson(String json) {
        try {
            return GeoJsonWkt.wkt(json);
        } catch (IllegalArgumentException e) {
            String shown = json.length() > 80 ? json.substring(0, 80) + "…" : json;
            throw new FunctionException("zf:geojsonToWkt: " + e.getMessage() + " (value " + shown + ")", 0);
        }
    }

    /** The value with {@code pad} (default {@code 0}) in front up to {@code length} characters; longer values as they are. */
    static String padLeft(String value, Integer length, String pad) {
        if (value == null || length == null) {
            return null;
        }
        String v = value.strip();
        String p = pad == null || pad.isEmpty() ? "0" : pad;
        if (length < 0 || length > 1000) {
            throw new FunctionException("zf:padLeft: a length of " + length + " characters; give one from 0 to 1000", 1);
        }
        StringBuilder out = new StringBuilder(length);
        int missing = length - v.codePointCount(0, v.length());
        while (out.length() < missing) {
            out.append(p);
        }
        out.setLength(Math.max(0, Math.min(out.length(), missing)));
        return out.append(v).toString();
    }
}
