package dev.lamo.results.table;

import dev.lamo.results.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The notes under a table (protocol, then the {@code --stats} section) as sentences, shared by the text renderings. */
final class TableNotes {

    private TableNotes() {
    }

    /** The protocol lines and, if present, the statistics, each line after {@code prefix}. */
    static void appendNotes(StringBuilder out, ResultTable table, String prefix) {
        List<String> notes = new ArrayList<>(table.protocol());
        if (table.statistics() != null) {
            notes.addAll(lines(table.statistics()));
        }
        for (String n : notes) {
            out.append(prefix).append(n).append('\n');
        }
    }

    static List<String> lines(TableStatistics s) {
        List<String> lines = new ArrayList<>();
        s.interquartileMean().forEach((a, iqm) -> lines.add(String.format(Locale.ROOT,
                "IQM %s: %.1f [%.1f, %.1f] over %d rows", AlgorithmNames.label(a), iqm.estimate(), iqm.lower(), iqm.upper(),
                s.rowsPerAlgorithm().get(a))));
        for (TableStatistics.Improvement i : s.improvements()) {
            String x = AlgorithmNames.label(i.algorithm());
            String y = AlgorithmNames.label(i.baseline());
            Interval p = i.probability();
            lines.add(p == null ? "P(" + x + " > " + y + "): needs rows with both " + x + " and " + y
                    : String.format(Locale.ROOT, "P(%s > %s): %.2f [%.2f, %.2f] over %d rows", x, y, p.estimate(), p.lower(),
                    p.upper(), i.rows()));
        }
        return lines;
    }
}
