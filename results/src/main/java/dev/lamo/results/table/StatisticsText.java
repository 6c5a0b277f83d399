package dev.lamo.results.table;

import dev.lamo.results.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code --stats} section as sentences, shared by the text renderings. */
final class StatisticsText {

    private StatisticsText() {
    }

    static List<String> lines(TableStatistics s) {
        List<String> lines = new ArrayList<>();
        s.interquartileMean().forEach((a, iqm) -> lines.add(String.format(Locale.ROOT,
                "IQM %s: %.1f [%.1f, %.1f] over %d rows", AlgorithmNames.label(a), iqm.estimate(), iqm.lower(), iqm.upper(),
                s.rowsPerAlgorithm().get(a))));
        Interval p = s.probabilityLamoBeatsDt();
        lines.add(p == null ? "P(LaMo > DT): needs rows with both LaMo and DT"
                : String.format(Locale.ROOT, "P(LaMo > DT): %.2f [%.2f, %.2f] over %d rows", p.estimate(), p.lower(), p.upper(),
                s.improvementRows()));
        return lines;
    }
}
