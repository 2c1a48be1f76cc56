package mx.zocalo.converter.rml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mx.zocalo.converter.source.TableRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Data in a value: the text of a field read as JSON or as CSV by a nested field that declares that reference formulation
 * (RML-LV, fields for mixed-format data), such as a JSON array in a CSV cell. Bad text is a {@link DataException} naming
 * the field.
 */
final class EmbeddedData {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();
    private static final int SHOWN = 60;

    private EmbeddedData() {}

    /** The JSON document {@code text} is. */
    static JsonNode json(String text, LogicalView.Field field) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new DataException(null, field.rule() + ": the value " + shown(text) + " is not JSON (it is empty)");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new DataException(null, field.rule() + ": the value " + shown(text) + " is not valid JSON: "
                    + e.getOriginalMessage());
        }
    }

    /**
     * The rows of the CSV table {@code text} is (RFC 4180; the first row names the columns), as records; an empty cell
     * has no value. A row with more or fewer cells than the header is an error, as in a CSV file.
     */
    static List<Record> csv(String text, LogicalView.Field field) {
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text))
                .setFormat(CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get()).get()) {
            List<CSVRecord> rows = parser.getRecords();
            if (rows.isEmpty()) {
                return List.of();
            }
            List<String> header = rows.get(0).toList().stream().map(String::strip).toList();
            Map<String, Integer> columns = RowValues.index(header);
            List<Record> records = new ArrayList<>(rows.size() - 1);
            for (int r = 1; r < rows.size(); r++) {
                CSVRecord row = rows.get(r);
                if (row.size() != header.size()) {
                    throw new DataException(null, field.rule() + ": row " + r + " of the CSV in the value has " + row.size()
                            + " cells, but its header has " + header.size() + " columns");
                }
                List<String> values = new ArrayList<>(row.size());
                for (String v : row) {
                    values.add(v.isBlank() ? null : v);
                }
                records.add(new RowValues(columns, new TableRow(r, row.getRecordNumber(), values)));
            }
            return records;
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException d) {
                throw d;
            }
            throw new DataException(null, field.rule() + ": the value " + shown(text) + " is not valid CSV: " + e.getMessage());
        }
    }

    private static String shown(String text) {
        String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
        return "\"" + (oneLine.length() > SHOWN ? oneLine.substring(0, SHOWN) + "…" : oneLine) + "\"";
    }
}
