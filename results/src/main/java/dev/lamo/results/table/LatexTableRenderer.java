package dev.lamo.results.table;

import java.util.List;

/** A booktabs {@code tabular} to paste into a paper; the protocol follows as LaTeX comments. */
final class LatexTableRenderer {

    String render(ResultTable table) {
        List<TableColumns.Column> columns = TableColumns.of(table, "$\\pm$");
        StringBuilder out = new StringBuilder();
        out.append("\\begin{tabular}{lllr").append("r".repeat(columns.size() - 4)).append("}\n\\toprule\n");
        row(out, columns.stream().map(c -> escape(c.header())).toList());
        out.append("\\midrule\n");
        for (Row r : table.rows()) {
            row(out, columns.stream().map(c -> escapeKeepingMath(c.value().apply(r))).toList());
        }
        out.append("\\midrule\n");
        row(out, columns.stream().map(c -> c.average().isEmpty() || c.average().equals("–") ? escape(c.average())
                : "\\textbf{" + escape(c.average()) + "}").toList());
        out.append("\\bottomrule\n\\end{tabular}\n");
        TableNotes.appendNotes(out, table, "% ");
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append(String.join(" & ", cells)).append(" \\\\\n");
    }

    private static String escapeKeepingMath(String s) {
        return escape(s.replace("$\\pm$", "\u0000")).replace("\u0000", "$\\pm$");
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\\' -> out.append("\\textbackslash{}");
                case '&', '%', '_', '#', '$', '{', '}' -> out.append('\\').append(ch);
                case '–' -> out.append("--");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
