package dev.lamo.results.table;

import dev.lamo.results.stats.Interval;
import java.util.Map;

/**
 * The optional {@code --stats} section: per algorithm the interquartile mean over every (row, seed) score with
 * its 95 % stratified-bootstrap interval, and the probability that LaMo beats DT over the rows both have.
 *
 * @param rowsPerAlgorithm rows (tasks) each algorithm's IQM is over
 * @param improvementRows  rows the probability of improvement is over (0 when LaMo or DT is missing)
 */
public record TableStatistics(Map<String, Interval> interquartileMean, Map<String, Integer> rowsPerAlgorithm,
                              Interval probabilityLamoBeatsDt, int improvementRows, int bootstrapRepetitions,
                              long bootstrapSeed) {
}
