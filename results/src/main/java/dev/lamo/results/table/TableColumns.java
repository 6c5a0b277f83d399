package dev.lamo.results.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The columns the human-readable renderings share: task, dataset, ratio, then per algorithm our cell and,
 * where the table has them, the paper's number beside it. Renderers only decide the syntax.
 */
final class TableColumns {

    /** A column: its header and how a row and the average row fill it. */
    record Column(String header, java.util.function.Function<Row, String> value, String average) {
    }

    private TableColumns() {
    }

    static List<Column> of(ResultTable table, String plusMinus) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("Task", Row::env, "Average"));
        columns.add(new Column("Dataset", Row::dataset, ""));
        columns.add(new Column("Ratio", r -> TableBuilder.number(r.ratio()), ""));
        columns.add(new Column("Trajectories", r -> r.trajectories() == 0 ? "–" : Integer.toString(r.trajectories()), ""));
        List<String> withPaper = table.paperAlgorithms();
        for (String a : table.algorithms()) {
            Double avg = table.average().get(a);
            String backbone = a.equals("lamo") ? table.backbones().get(a) : null;
            columns.add(new Column(AlgorithmNames.label(a) + (backbone == null ? "" : " [" + backbone + "]"), r -> {
                Cell c = r.cells().get(a);
                return c == null ? "–" : fixed(c.mean()) + " " + plusMinus + " " + fixed(c.std()) + " (" + c.seeds() + ")";
            }, avg == null ? "–" : fixed(avg)));
            if (withPaper.contains(a)) {
                columns.add(new Column(AlgorithmNames.label(a) + (a.equals("lamo")
                        ? " (paper: GPT-2 small (124M), paper's data)" : " (paper's data)"), r -> {
                    PaperScore p = r.paper().get(a);
                    return p == null ? "" : fixed(p.mean()) + (p.std() == null ? "" : " " + plusMinus + " " + fixed(p.std()));
                }, ""));
            }
        }
        return columns;
    }

    static String fixed(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
