package dev.lamo.policies.djl;

import dev.lamo.envs.Seeds;
import java.util.random.RandomGenerator;

/**
 * xoshiro256** with a state that can be saved in a checkpoint and restored, so that a resumed training run
 * draws exactly the numbers the uninterrupted run would have drawn (minibatch indices, exploration and
 * policy noise, dropout masks). Gaussians use the polar method; the spare value is part of the state.
 */
public final class CheckpointableRandom implements RandomGenerator {

    private long s0;
    private long s1;
    private long s2;
    private long s3;
    private double spare;
    private boolean hasSpare;

    public CheckpointableRandom(long seed) {
        s0 = Seeds.derive(seed, 0);
        s1 = Seeds.derive(seed, 1);
        s2 = Seeds.derive(seed, 2);
        s3 = Seeds.derive(seed, 3);
        if ((s0 | s1 | s2 | s3) == 0) {
            s0 = 1;
        }
    }

    @Override
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    @Override
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spare = v * m;
        hasSpare = true;
        return u * m;
    }

    /** The complete state: four words, the spare Gaussian's bits and whether it is pending. */
    public long[] state() {
        return new long[] {s0, s1, s2, s3, Double.doubleToRawLongBits(spare), hasSpare ? 1 : 0};
    }

    public void restore(long[] state) {
        if (state.length != 6) {
            throw new IllegalArgumentException("random state needs 6 values, got " + state.length);
        }
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
        spare = Double.longBitsToDouble(state[4]);
        hasSpare = state[5] != 0;
    }
}
