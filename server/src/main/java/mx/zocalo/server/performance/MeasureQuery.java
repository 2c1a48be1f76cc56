package mx.zocalo.server.performance;

import java.util.Map;

/**
 * A query behind the numbers of a measure, as the row API and SPARQL take it: the values of every period are the rows
 * of this query (its {@code period} column; {@code member} too when the query is per member). {@code role} is
 * {@code value} (the measure's own rows), or {@code numerator} / {@code denominator} (a rate's two measures);
 * {@code perMember} whether the query groups by the {@code by:} column. {@code parameters} are the row API's
 * ({@code $select}, {@code $where}, {@code $group}, {@code $order}) for {@code /api/datasets/{dataset}/rows};
 * {@code soql} the same as one statement; {@code sparql} the SPARQL query the rows stand for, runnable on {@code /sparql}.
 */
public record MeasureQuery(String role, String dataset, boolean perMember, Map<String, String> parameters, String soql, String sparql) {
    public MeasureQuery {
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }
}
