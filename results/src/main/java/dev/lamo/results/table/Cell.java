package dev.lamo.results.table;

import java.util.Map;

/**
 * One algorithm's result in one row: the mean and std over seeds of each seed's score, at the chosen target.
 *
 * @param target        the return target reported (null when the policy is not return-conditioned)
 * @param mean          mean over seeds
 * @param std           population std over seeds (0 for one seed)
 * @param seeds         number of seeds
 * @param scoresBySeed  each seed's score (the checkpoint rule applied to its evaluation curve at this target)
 * @param trainingSteps the planned training steps of every seed's run
 */
public record Cell(Double target, double mean, double std, int seeds, Map<Long, Double> scoresBySeed,
                   long trainingSteps) {
}
