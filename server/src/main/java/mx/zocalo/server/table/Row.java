package mx.zocalo.server.table;

import java.util.Collections;
import java.util.List;

/**
 * One row of an answer.
 *
 * @param iri    the resource the row is ({@code null} for a row of groups)
 * @param values the values, in the order of the answer's columns: {@code null} (no value), {@link Long} or
 *               {@link java.math.BigInteger}, {@link java.math.BigDecimal}, {@link Double}, {@link Boolean}, {@link String},
 *               {@link java.time.LocalDate}, {@link java.time.Year}, {@link java.time.YearMonth},
 *               {@link java.time.LocalDateTime} or {@link java.time.OffsetDateTime}, {@link Link}, or a {@link List} of
 *               these for a multi-valued column
 * @param point  the row's point when coordinates were asked for and it has one, else {@code null}
 */
public record Row(String iri, List<Object> values, Point point) {
    public Row {
        values = Collections.unmodifiableList(values);
    }

    /** A WGS84 point in decimal degrees. */
    public record Point(double longitude, double latitude) {}
}
