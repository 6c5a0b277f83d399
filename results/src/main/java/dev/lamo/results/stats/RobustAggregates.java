package dev.lamo.results.stats;

import dev.lamo.envs.Seeds;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Aggregate statistics over runs on several tasks, with rliable's definitions (Agarwal et al., 2021):
 * the interquartile mean over all runs of all tasks, percentile confidence intervals from a stratified
 * bootstrap (runs resampled with replacement within each task), and the probability of improvement.
 * Each task is one array of per-run scores; tasks may hold different numbers of runs. The bootstrap draws
 * from an explicitly seeded generator, so an interval is a pure function of its inputs and the seed.
 */
public final class RobustAggregates {

    /** rliable's number of bootstrap replications for interval estimates. */
    public static final int DEFAULT_REPETITIONS = 2000;

    private RobustAggregates() {
    }

    /**
     * Interquartile mean of every score of every task: the mean of the middle half after cutting
     * {@code floor(n/4)} values from each end (scipy's {@code trim_mean(x, 0.25)}, rliable's IQM).
     */
    public static double interquartileMean(List<double[]> tasks) {
        double[] all = tasks.stream().flatMapToDouble(Arrays::stream).toArray();
        if (all.length == 0) {
            throw new IllegalArgumentException("interquartile mean of no scores");
        }
        Arrays.sort(all);
        int cut = all.length / 4;
        double sum = 0;
        for (int i = cut; i < all.length - cut; i++) {
            sum += all[i];
        }
        return sum / (all.length - 2 * cut);
    }

    /**
     * Probability that a run of X scores above a run of Y on a randomly chosen task: per task the fraction of
     * (x, y) pairs with x above y, ties counting one half (the normalised Mann-Whitney U), averaged over tasks.
     */
    public static double probabilityOfImprovement(List<double[]> x, List<double[]> y) {
        requireSameTasks(x, y);
        double sum = 0;
        for (int t = 0; t < x.size(); t++) {
            double wins = 0;
            for (double a : x.get(t)) {
                for (double b : y.get(t)) {
                    wins += a > b ? 1 : a == b ? 0.5 : 0;
                }
            }
            sum += wins / ((double) x.get(t).length * y.get(t).length);
        }
        return sum / x.size();
    }

    /** The interquartile mean with its 95 % stratified-bootstrap percentile interval. */
    public static Interval interquartileMeanInterval(List<double[]> tasks, int repetitions, long seed) {
        RandomGenerator random = Seeds.rng(seed);
        double[] replicates = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            replicates[r] = interquartileMean(resample(tasks, random));
        }
        return percentileInterval(interquartileMean(tasks), replicates);
    }

    /** The probability of improvement with its 95 % interval, X and Y resampled independently within each task. */
    public static Interval probabilityOfImprovementInterval(List<double[]> x, List<double[]> y, int repetitions, long seed) {
        requireSameTasks(x, y);
        RandomGenerator random = Seeds.rng(seed);
        double[] replicates = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            replicates[r] = probabilityOfImprovement(resample(x, random), resample(y, random));
        }
        return percentileInterval(probabilityOfImprovement(x, y), replicates);
    }

    /** Runs drawn with replacement within each task, as many as the task holds. */
    static List<double[]> resample(List<double[]> tasks, RandomGenerator random) {
        return tasks.stream().map(runs -> {
            double[] drawn = new double[runs.length];
            for (int i = 0; i < runs.length; i++) {
                drawn[i] = runs[random.nextInt(runs.length)];
            }
            return drawn;
        }).toList();
    }

    private static Interval percentileInterval(double estimate, double[] replicates) {
        return new Interval(estimate, Descriptive.quantile(replicates, 0.025), Descriptive.quantile(replicates, 0.975));
    }

    private static void requireSameTasks(List<double[]> x, List<double[]> y) {
        if (x.size() != y.size() || x.isEmpty()) {
            throw new IllegalArgumentException("probability of improvement needs the same non-empty set of tasks for "
                    + "both, found " + x.size() + " and " + y.size());
        }
        for (int t = 0; t < x.size(); t++) {
            if (x.get(t).length == 0 || y.get(t).length == 0) {
                throw new IllegalArgumentException("probability of improvement: task " + t + " has no runs");
            }
        }
    }
}
