package dev.lamo.policies.runtime.gpu;

import dev.lamo.policies.PolicyBatch;
import java.util.Random;

/** Policy batches rearranged for invariance checks. */
final class Batches {

    private Batches() {
    }

    /** Rows from .. from+n−1 as a batch of their own. */
    static PolicyBatch slice(PolicyBatch b, int from, int n) {
        PolicyBatch out = new PolicyBatch(n, b.context(), b.observationSize(), b.actionSize());
        out.setSize(n);
        copy(b, from, out, 0, n);
        return out;
    }

    /**
     * A batch of {@code size} ≥ 2n rows: row r of {@code b} at position {@link #positionInInterleaved}(r, n), i.e. the
     * rows in reverse order at odd positions, and rows of {@code b} chosen at random in between.
     */
    static PolicyBatch interleaved(PolicyBatch b, int size, Random random) {
        int n = b.size();
        PolicyBatch out = new PolicyBatch(size, b.context(), b.observationSize(), b.actionSize());
        out.setSize(size);
        boolean[] taken = new boolean[size];
        for (int r = 0; r < n; r++) {
            int at = positionInInterleaved(r, n);
            copy(b, r, out, at, 1);
            taken[at] = true;
        }
        for (int i = 0; i < size; i++) {
            if (!taken[i]) {
                copy(b, random.nextInt(n), out, i, 1);
            }
        }
        return out;
    }

    static int positionInInterleaved(int r, int n) {
        return 2 * (n - 1 - r) + 1;
    }

    private static void copy(PolicyBatch from, int row, PolicyBatch to, int at, int n) {
        int k = from.context();
        int s = from.observationSize();
        int a = from.actionSize();
        System.arraycopy(from.states(), row * k * s, to.states(), at * k * s, n * k * s);
        System.arraycopy(from.actions(), row * k * a, to.actions(), at * k * a, n * k * a);
        System.arraycopy(from.returnsToGo(), row * k, to.returnsToGo(), at * k, n * k);
        System.arraycopy(from.timesteps(), row * k, to.timesteps(), at * k, n * k);
        System.arraycopy(from.lengths(), row, to.lengths(), at, n);
    }

    static boolean sameBits(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            if (Float.floatToRawIntBits(x[xOff + i]) != Float.floatToRawIntBits(y[yOff + i])) {
                return false;
            }
        }
        return true;
    }
}
