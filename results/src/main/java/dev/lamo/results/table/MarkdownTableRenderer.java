package dev.lamo.results.table;

import java.util.List;

/** GitHub-flavoured Markdown: the table, then the protocol as a list, then the statistics if asked for. */
final class MarkdownTableRenderer {

    String render(ResultTable table) {
        List<TableColumns.Column> columns = TableColumns.of(table, "±");
        StringBuilder out = new StringBuilder();
        line(out, columns.stream().map(TableColumns.Column::header).toList());
        line(out, columns.stream().map(c -> c == columns.get(0) ? "---" : c.header().equals("Dataset") ? "---" : "---:").toList());
        for (Row r : table.rows()) {
            line(out, columns.stream().map(c -> escape(c.value().apply(r))).toList());
        }
        line(out, columns.stream().map(c -> c.average().isEmpty() || c.average().equals("–") ? c.average()
                : "**" + c.average() + "**").toList());
        out.append('\n');
        TableNotes.appendNotes(out, table, "- ");
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
