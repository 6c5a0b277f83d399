package dev.lamo.results.table;

import dev.lamo.results.records.VersionedRecord;
import java.util.List;
import java.util.Map;

/**
 * An aggregated results table, also its JSON form ({@code --format json}).
 *
 * @param checkpointRule which evaluations count, as given ({@code window:0.2}, ...)
 * @param targetRule     which return target is reported, as given
 * @param algorithms     column order
 * @param average        per algorithm the mean of its row means, only for algorithms with a cell in every row
 * @param backbones      per algorithm with a transformer backbone, what it was ({@link Backbones})
 * @param protocol       how the numbers were produced, one sentence a line; printed under every rendering
 * @param statistics     the {@code --stats} section, or null
 */
public record ResultTable(String schema, int schemaVersion, String checkpointRule, String targetRule,
                          List<String> algorithms, List<Row> rows, Map<String, Double> average,
                          Map<String, String> backbones, List<String> protocol, TableStatistics statistics)
        implements VersionedRecord {

    public static final String SCHEMA = "lamo.table";
    public static final int VERSION = 1;

    public ResultTable {
        backbones = backbones == null ? Map.of() : backbones;
    }

    public boolean hasPaperColumns() {
        return rows.stream().anyMatch(r -> !r.paper().isEmpty());
    }

    /** Algorithms that have a published number in at least one row. */
    public List<String> paperAlgorithms() {
        return algorithms.stream().filter(a -> rows.stream().anyMatch(r -> r.paper().containsKey(a))).toList();
    }
}
