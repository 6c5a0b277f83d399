package dev.lamo.results.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CSV with one numeric column per quantity (mean, std, seeds, target per algorithm, the paper's mean and std
 * where present) for spreadsheets and pandas; the protocol follows as {@code #} comment lines
 * ({@code pandas.read_csv(..., comment="#")}).
 */
final class CsvTableRenderer {

    String render(ResultTable table) {
        List<String> paper = table.paperAlgorithms();
        List<String> header = new ArrayList<>(List.of("task", "dataset", "ratio", "trajectories"));
        for (String a : table.algorithms()) {
            header.addAll(List.of(a + "_mean", a + "_std", a + "_seeds", a + "_target"));
            if (paper.contains(a)) {
                header.addAll(List.of(a + "_paper_mean", a + "_paper_std"));
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header);
        for (Row r : table.rows()) {
            List<String> v = new ArrayList<>(List.of(quote(r.env()), quote(r.dataset()), TableBuilder.number(r.ratio()),
                    Integer.toString(r.trajectories())));
            for (String a : table.algorithms()) {
                Cell c = r.cells().get(a);
                if (c == null) {
                    v.addAll(List.of("", "", "", ""));
                } else {
                    v.addAll(List.of(num(c.mean()), num(c.std()), Integer.toString(c.seeds()),
                            c.target() == null ? "" : TableBuilder.number(c.target())));
                }
                if (paper.contains(a)) {
                    PaperScore p = r.paper().get(a);
                    v.add(p == null ? "" : num(p.mean()));
                    v.add(p == null || p.std() == null ? "" : num(p.std()));
                }
            }
            line(out, v);
        }
        TableNotes.appendNotes(out, table, "# ");
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append(String.join(",", cells)).append('\n');
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
