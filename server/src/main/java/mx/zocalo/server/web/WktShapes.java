package mx.zocalo.server.web;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The polygons of a WKT {@code POLYGON} or {@code MULTIPOLYGON} (longitude first, as CRS84), simplified for drawing
 * (Douglas–Peucker within a tolerance in degrees, coordinates rounded) and written as a GeoJSON geometry. Other WKT
 * shapes give no polygons.
 */
final class WktShapes {
    /** A ring: x (longitude) and y (latitude) pairs. */
    record Ring(double[] xy) {
        int size() {
            return xy.length / 2;
        }
    }

    private WktShapes() {}

    /** The polygons (each its rings, the outer first) of {@code wkt}; empty for other shapes or bad text. */
    static List<List<Ring>> polygons(String wkt) {
        String s = wkt.trim();
        if (s.startsWith("<")) s = s.substring(s.indexOf('>') + 1).trim(); // a CRS IRI first
        String upper = s.toUpperCase(java.util.Locale.ROOT);
        try {
            if (upper.startsWith("MULTIPOLYGON")) return new Reader(s, s.indexOf('(')).multi();
            if (upper.startsWith("POLYGON")) return List.of(new Reader(s, s.indexOf('(')).polygon());
        } catch (RuntimeException e) {
            return List.of();
        }
        return List.of();
    }

    /** The polygons simplified within {@code tolerance} degrees; rings that become too small are dropped. */
    static List<List<Ring>> simplify(List<List<Ring>> polygons, double tolerance) {
        List<List<Ring>> out = new ArrayList<>();
        for (List<Ring> p : polygons) {
            List<Ring> rings = new ArrayList<>();
            for (int i = 0; i < p.size(); i++) {
                Ring r = simplify(p.get(i), tolerance);
                if (r.size() >= 4) rings.add(r);
                else if (i == 0) break; // no outer ring: no polygon
            }
            if (!rings.isEmpty()) out.add(rings);
        }
        return out;
    }

    /** A MultiPolygon geometry with coordinates rounded to {@code decimals}. */
    static void writeGeoJson(JsonGenerator g, List<List<Ring>> polygons, int decimals) throws IOException {
        double scale = Math.pow(10, decimals);
        g.writeStartObject();
        g.writeStringField("type", "MultiPolygon");
        g.writeArrayFieldStart("coordinates");
        for (List<Ring> p : polygons) {
            g.writeStartArray();
            for (Ring r : p) {
                g.writeStartArray();
                for (int i = 0; i < r.xy.length; i += 2) {
                    g.writeStartArray();
                    g.writeNumber(Math.round(r.xy[i] * scale) / scale);
                    g.writeNumber(Math.round(r.xy[i + 1] * scale) / scale);
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static Ring simplify(Ring r, double tolerance) {
        int n = r.size();
        if (n <= 4 || tolerance <= 0) return r;
        boolean[] keep = new boolean[n];
        keep[0] = keep[n - 1] = true;
        // the ring is closed: split it at its farthest point from the first so that both halves simplify well
        int far = 1;
        double best = -1;
        for (int i = 1; i < n - 1; i++) {
            double d = sq(r.xy[2 * i] - r.xy[0]) + sq(r.xy[2 * i + 1] - r.xy[1]);
            if (d > best) {
                best = d;
                far = i;
            }
        }
        keep[far] = true;
        douglasPeucker(r.xy, 0, far, tolerance * tolerance, keep);
        douglasPeucker(r.xy, far, n - 1, tolerance * tolerance, keep);
        int kept = 0;
        for (boolean k : keep) if (k) kept++;
        double[] xy = new double[kept * 2];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (!keep[i]) continue;
            xy[j++] = r.xy[2 * i];
            xy[j++] = r.xy[2 * i + 1];
        }
        return new Ring(xy);
    }

    private static void douglasPeucker(double[] xy, int first, int last, double tol2, boolean[] keep) {
        java.util.ArrayDeque<int[]> work = new java.util.ArrayDeque<>();
        work.push(new int[] {first, last});
        while (!work.isEmpty()) {
            int[] span = work.pop();
            int a = span[0];
            int b = span[1];
            if (b - a < 2) continue;
            double ax = xy[2 * a];
            double ay = xy[2 * a + 1];
            double dx = xy[2 * b] - ax;
            double dy = xy[2 * b + 1] - ay;
            double len2 = dx * dx + dy * dy;
            int index = -1;
            double max = tol2;
            for (int i = a + 1; i < b; i++) {
                double px = xy[2 * i] - ax;
                double py = xy[2 * i + 1] - ay;
                double d;
                if (len2 == 0) {
                    d = px * px + py * py;
                } else {
                    double t = Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
                    d = sq(px - t * dx) + sq(py - t * dy);
                }
                if (d > max) {
                    max = d;
                    index = i;
                }
            }
            if (index >= 0) {
                keep[index] = true;
                work.push(new int[] {a, index});
                work.push(new int[] {index, b});
            }
        }
    }

    private static double sq(double v) {
        return v * v;
    }

    /** Reads nested parenthesised coordinate lists. */
    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s, int start) {
            if (start < 0) throw new IllegalArgumentException("no (");
            this.s = s;
            this.i = start;
        }

        List<List<Ring>> multi() {
            List<List<Ring>> out = new ArrayList<>();
            expect('(');
            do {
                out.add(polygon());
            } while (comma());
            expect(')');
            return out;
        }

        List<Ring> polygon() {
            List<Ring> rings = new ArrayList<>();
            expect('(');
            do {
                rings.add(ring());
            } while (comma());
            expect(')');
            return rings;
        }

        Ring ring() {
            expect('(');
            List<Double> values = new ArrayList<>();
            do {
                values.add(number());
                values.add(number());
                skipNumbers(); // a Z or M value
            } while (comma());
            expect(')');
            double[] xy = new double[values.size()];
            for (int k = 0; k < xy.length; k++) xy[k] = values.get(k);
            return new Ring(xy);
        }

        private void skipNumbers() {
            skipSpace();
            while (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != ')') i++;
        }

        private double number() {
            skipSpace();
            int start = i;
            while (i < s.length() && "+-.0123456789eE".indexOf(s.charAt(i)) >= 0) i++;
            return Double.parseDouble(s.substring(start, i));
        }

        private boolean comma() {
            skipSpace();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            skipSpace();
            if (i >= s.length() || s.charAt(i) != c) throw new IllegalArgumentException("expected " + c + " at " + i);
            i++;
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }
    }
}
