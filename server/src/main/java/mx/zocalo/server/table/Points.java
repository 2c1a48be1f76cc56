package mx.zocalo.server.table;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;

/** A row's point: from its latitude and longitude, or from a WKT {@code POINT(lon lat)} (other shapes: none). */
final class Points {
    /** {@code POINT(-100.3 25.6)}, optionally after a CRS IRI ({@code <http://www.opengis.net/def/crs/OGC/1.3/CRS84>}). */
    private static final Pattern POINT = Pattern.compile(
            "\\s*(?:<([^>]*)>\\s*)?POINT\\s*\\(\\s*([-+]?[0-9.eE+-]+)\\s+([-+]?[0-9.eE+-]+)\\s*\\)\\s*", Pattern.CASE_INSENSITIVE);

    private Points() {}

    static Row.Point of(Binding b, Var[] vars) {
        try {
            if (vars[2] != null) {
                Node wkt = b.get(vars[2]);
                if (wkt == null || !wkt.isLiteral()) return null;
                Matcher m = POINT.matcher(wkt.getLiteralLexicalForm());
                if (!m.matches()) return null;
                double x = Double.parseDouble(m.group(2));
                double y = Double.parseDouble(m.group(3));
                // CRS84 (the default) is longitude first; EPSG:4326 is latitude first
                return m.group(1) != null && m.group(1).endsWith("/EPSG/0/4326") ? new Row.Point(y, x) : new Row.Point(x, y);
            }
            Node lat = b.get(vars[0]);
            Node lon = b.get(vars[1]);
            if (lat == null || lon == null || !lat.isLiteral() || !lon.isLiteral()) return null;
            return new Row.Point(Double.parseDouble(lon.getLiteralLexicalForm().trim()), Double.parseDouble(lat.getLiteralLexicalForm().trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
