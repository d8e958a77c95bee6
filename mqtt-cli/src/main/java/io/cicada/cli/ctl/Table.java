package io.cicada.cli.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Prints JSON from the admin API as a text table with aligned columns ({@code cicada ctl} without {@code --json}).
 * Stateless.
 */
final class Table {
    private Table() {}

    /** One row per element of {@code items}, one column per field name, headed by the column titles. */
    static void rows(PrintWriter out, JsonNode items, List<String> fields, List<String> titles) {
        List<String[]> rows = new ArrayList<>();
        rows.add(titles.toArray(String[]::new));
        for (JsonNode item : items) {
            String[] row = new String[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                row[i] = cell(item.path(fields.get(i)));
            }
            rows.add(row);
        }
        print(out, rows);
    }

    /** One line per field of {@code object}: name, then value. */
    static void fields(PrintWriter out, JsonNode object) {
        List<String[]> rows = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            rows.add(new String[] {field.getKey(), cell(field.getValue())});
        }
        print(out, rows);
    }

    private static String cell(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "-";
        }
        if (value.isArray()) {
            return Integer.toString(value.size());
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text.replace('\n', ' ');
    }

    private static void print(PrintWriter out, List<String[]> rows) {
        int columns = rows.isEmpty() ? 0 : rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }
}
