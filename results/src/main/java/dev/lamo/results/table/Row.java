package dev.lamo.results.table;

import java.util.Map;

/**
 * A table row: our cells per algorithm and, with {@code --paper}, the published numbers per algorithm.
 *
 * @param paperSource the paper's table the reference numbers come from, or null
 */
public record Row(String env, String dataset, double ratio, Map<String, Cell> cells, Map<String, PaperScore> paper,
                  String paperSource) {

    public RowKey key() {
        return new RowKey(env, dataset, ratio);
    }
}
