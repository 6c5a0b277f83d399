package dev.lamo.results.table;

import java.util.Comparator;

/**
 * One row of a results table: a task (environment), the dataset it was trained on (its base id, without the
 * down-sampling suffix) and the fraction of the dataset's trajectories kept.
 */
public record RowKey(String env, String dataset, double ratio) implements Comparable<RowKey> {

    /** Environment, then dataset, then the largest ratio first, as LaMo's tables list them. */
    private static final Comparator<RowKey> ORDER = Comparator.comparing(RowKey::env).thenComparing(RowKey::dataset)
            .thenComparing(RowKey::ratio, Comparator.reverseOrder());

    @Override
    public int compareTo(RowKey o) {
        return ORDER.compare(this, o);
    }

    /** The dataset's kind in D4RL's vocabulary, read from its id, or null when the id names none. */
    public String datasetKind() {
        for (String kind : new String[] {"medium-replay", "medium-expert", "full-replay", "medium", "expert", "random"}) {
            if (dataset.equals(kind) || dataset.startsWith(kind + "-") || dataset.endsWith("-" + kind)
                    || dataset.contains("-" + kind + "-")) {
                return kind;
            }
        }
        return null;
    }
}
