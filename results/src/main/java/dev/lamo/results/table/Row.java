package dev.lamo.results.table;

import java.util.Map;

/**
 * A table row: our cells per algorithm and, with {@code --paper}, the published numbers per algorithm.
 *
 * @param trajectories the trajectories every run of the row trained on (its down-sample of the dataset), or 0
 *                     where no run recorded a dataset
 * @param paperSource the paper's table the reference numbers come from, or null
 */
public record Row(String env, String dataset, double ratio, int trajectories, Map<String, Cell> cells,
                  Map<String, PaperScore> paper, String paperSource) {

    public RowKey key() {
        return new RowKey(env, dataset, ratio);
    }
}
