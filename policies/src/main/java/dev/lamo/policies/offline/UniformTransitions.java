package dev.lamo.policies.offline;

import java.util.random.RandomGenerator;

/**
 * Transitions drawn uniformly with replacement into a minibatch, one generator draw per row, in row order: the rule
 * both kinds of data share. What a transition is (materialised normalised vectors, or stacks rebuilt from single
 * frames) and how it is copied into a batch belong to the subclass.
 *
 * @param <B> the minibatch type
 */
abstract class UniformTransitions<B> implements BatchSource<B> {

    private final int usable;

    UniformTransitions(int usable) {
        this.usable = usable;
    }

    /** Usable transitions. */
    public final int size() {
        return usable;
    }

    @Override
    public final B sample(int n, RandomGenerator rng) {
        B batch = batch(n);
        for (int k = 0; k < n; k++) {
            copy(rng.nextInt(usable), batch, k);
        }
        return batch;
    }

    /** A batch of {@code n} rows to fill. */
    protected abstract B batch(int n);

    /** Copies usable transition {@code transition} into row {@code row} of {@code batch}. */
    protected abstract void copy(int transition, B batch, int row);
}
