package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import mx.zocalo.server.table.SoqlException;

/**
 * A row query's error as an answer: 400 with the message in the request's language, and for programs the parameter,
 * the position (from 1) and the token, the column names when a name was not found, and, in text, the parameter with
 * a caret under the position.
 */
final class RowErrors {
    private RowErrors() {}

    static ErrorResponses.Problem problem(SoqlException e, Context ctx, Map<String, String> msg) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (e.parameter() != null) fields.put("parameter", e.parameter());
        if (e.position() >= 0) fields.put("position", e.position() + 1);
        if (e.token() != null) fields.put("token", e.token());
        String columns = e.values().get("columns");
        if (columns != null) fields.put("columns", Arrays.asList(columns.split(", ")));
        String suggestion = e.values().get("suggestion");
        if (suggestion != null && !suggestion.isEmpty()) fields.put("suggestion", suggestion);
        String excerpt = null;
        String text = e.parameter() == null ? null : ctx.queryParam(e.parameter());
        if (text != null && e.position() >= 0 && e.position() <= text.length() && !text.contains("\n")) {
            String head = e.parameter() + "=";
            excerpt = head + text + "\n" + " ".repeat(head.length() + e.position()) + "^";
        }
        return new ErrorResponses.Problem(400, e.code(), e.message(msg), fields, excerpt, null);
    }
}
