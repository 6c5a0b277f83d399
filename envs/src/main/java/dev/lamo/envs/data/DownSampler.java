package dev.lamo.envs.data;

import dev.lamo.envs.Seeds;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * LaMo's data-scarce settings keep a fraction of a dataset's trajectories: max(1, floor(N · ratio)) whole
 * episodes, drawn without replacement from a seeded generator, and kept in their original order. The same
 * dataset, ratio and seed give the same episodes on any machine.
 */
public final class DownSampler {

    /** How episodes are drawn. */
    public enum Weighting {
        /** Every episode equally likely (LaMo's D4RL, Kitchen and Reacher2d splits). */
        UNIFORM,
        /** Probability proportional to episode length, without replacement (LaMo's Atari buffer). */
        BY_LENGTH
    }

    private DownSampler() {
    }

    public static TrajectoryDataset sample(TrajectoryDataset data, double ratio, long seed, Weighting weighting) {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("sample ratio must be in (0, 1], got " + ratio);
        }
        int[] chosen = choose(data.episodeLengths(), ratio, seed, weighting);
        String parent = data.metadata().datasetId();
        String id = sampleId(parent, ratio, seed, weighting);
        return data.selectEpisodes(chosen).withMetadata(data.metadata().withSample(ratio, seed, parent).withDatasetId(id));
    }

    /** The id of a down-sampled dataset: {@code parent@0.1s0}, with an L before the s when drawn by length. */
    public static String sampleId(String parent, double ratio, long seed, Weighting weighting) {
        return ratio == 1 ? parent : parent + "@" + ratio + (weighting == Weighting.BY_LENGTH ? "L" : "") + "s" + seed;
    }

    /** How many of {@code episodes} episodes a ratio keeps: floor(episodes·ratio), at least one. */
    public static int keptCount(int episodes, double ratio) {
        return Math.min(episodes, (int) Math.max(1, Math.floor(episodes * ratio + 1e-9)));
    }

    /** Indices of the kept episodes, ascending. */
    public static int[] choose(int[] lengths, double ratio, long seed, Weighting weighting) {
        int n = lengths.length;
        int keep = keptCount(n, ratio);
        RandomGenerator rng = Seeds.rng(seed);
        int[] chosen;
        if (weighting == Weighting.UNIFORM) {
            // partial Fisher-Yates: the first `keep` entries are a uniform sample without replacement
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = 0; i < keep; i++) {
                int j = i + rng.nextInt(n - i);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            chosen = Arrays.copyOf(order, keep);
        } else {
            // successive draws proportional to the remaining episodes' lengths
            double[] weights = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                weights[i] = lengths[i];
                total += lengths[i];
            }
            chosen = new int[keep];
            for (int k = 0; k < keep; k++) {
                double u = rng.nextDouble() * total;
                int pick = -1;
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    if (weights[i] > 0) {
                        pick = i;
                        acc += weights[i];
                        if (u < acc) {
                            break;
                        }
                    }
                }
                chosen[k] = pick;
                total -= weights[pick];
                weights[pick] = 0;
            }
        }
        Arrays.sort(chosen);
        return chosen;
    }
}
