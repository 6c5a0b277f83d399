package dev.lamo.results.table;

import dev.lamo.results.stats.Interval;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The optional {@code --stats} section: per algorithm the interquartile mean over every (row, seed) score with
 * its 95 % stratified-bootstrap interval, and the probabilities of improvement of LaMo over its baselines: DT (the
 * paper's claim) and, when the table has it, LaMo-nopt (the same model on a random backbone, which isolates what the
 * pre-training adds).
 *
 * @param rowsPerAlgorithm rows (tasks) each algorithm's IQM is over
 * @param improvements     one per compared pair, LaMo vs DT first; a pair with no shared row has a null probability
 */
public record TableStatistics(Map<String, Interval> interquartileMean, Map<String, Integer> rowsPerAlgorithm,
                              List<Improvement> improvements, int bootstrapRepetitions, long bootstrapSeed) {

    /**
     * P(X > Y): the probability that a run of {@code algorithm} scores above a run of {@code baseline} on the same
     * row, averaged over the {@code rows} both have, with its 95 % interval (null when they share no row).
     */
    public record Improvement(String algorithm, String baseline, Interval probability, int rows) {
    }

    /** The comparison of {@code algorithm} with {@code baseline}, if the table makes it. */
    public Optional<Improvement> improvement(String algorithm, String baseline) {
        return improvements.stream().filter(i -> i.algorithm().equals(algorithm) && i.baseline().equals(baseline)).findFirst();
    }
}
