package dev.lamo.policies.lm;

import dev.lamo.policies.djl.CheckpointableRandom;

/**
 * A token stream cut into consecutive blocks of {@code length} tokens (the remainder dropped), served in a
 * shuffled order that repeats once exhausted, like LaMo's packed WikiText loader wrapped in a cycle. The
 * position in the order is the only state, so a resumed run continues with the same blocks.
 */
public final class TokenBlocks {

    private final int[] tokens;
    private final int length;
    private final int[] order;
    private int next;

    public TokenBlocks(int[] tokens, int length, long seed) {
        if (tokens.length < length) {
            throw new IllegalArgumentException("corpus of " + tokens.length + " tokens is shorter than one block of " + length);
        }
        this.tokens = tokens;
        this.length = length;
        int blocks = tokens.length / length;
        this.order = new int[blocks];
        for (int i = 0; i < blocks; i++) {
            order[i] = i;
        }
        CheckpointableRandom rng = new CheckpointableRandom(seed);
        for (int i = blocks - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    public int blocks() {
        return order.length;
    }

    public int length() {
        return length;
    }

    /** The next {@code count} blocks, row-major (count × length). */
    public long[] next(int count) {
        long[] out = new long[count * length];
        for (int b = 0; b < count; b++) {
            int start = order[next] * length;
            for (int i = 0; i < length; i++) {
                out[b * length + i] = tokens[start + i];
            }
            next = (next + 1) % order.length;
        }
        return out;
    }

    public int position() {
        return next;
    }

    public void seek(int position) {
        next = position % order.length;
    }
}
