package dev.lamo.policies.dt;

import java.util.random.RandomGenerator;

/** Draws episodes with probability proportional to their length, with replacement (LaMo's {@code get_batch}). */
final class EpisodesByLength {

    private final double[] cumulative;

    EpisodesByLength(int[] lengths) {
        this.cumulative = new double[lengths.length];
        double total = 0;
        for (int i = 0; i < lengths.length; i++) {
            total += lengths[i];
            cumulative[i] = total;
        }
    }

    /** Index into {@code lengths} of the next draw. */
    int next(RandomGenerator rng) {
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
