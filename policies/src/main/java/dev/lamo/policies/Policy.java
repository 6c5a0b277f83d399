package dev.lamo.policies;

/**
 * A trained policy behind one batched call: a batch of observations or contexts in, a batch of actions out,
 * in one forward pass, with no per-sample loop. Implementations are used by one thread at a time (the
 * evaluation harness gives the model its own thread; a GPU backend later replaces the CPU one behind this
 * interface).
 */
public interface Policy extends AutoCloseable {

    PolicyInfo info();

    /**
     * Deterministic actions for the {@code batch.size()} rows, written row-major into {@code out}
     * ({@code size × actionSize}). For discrete policies each action is the index of the largest logit.
     */
    void act(PolicyBatch batch, float[] out);

    @Override
    void close();
}
