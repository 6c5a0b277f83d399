package dev.lamo.policies.offline;

import ai.djl.ndarray.NDManager;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyInfo;

/**
 * A policy whose network maps each row's current observation to its action in one batched forward pass: the offline
 * baselines' actors on state vectors and their argmax heads on stacked frames. The two differ in what they read
 * (normalised states, or frame bytes) and how outputs become actions (scaled to the action bounds, or the best
 * index); the batching, the per-call memory scope and the life cycle are this class's.
 */
abstract class MarkovPolicy implements Policy {

    private final PolicyInfo info;
    private final NDManager manager;

    MarkovPolicy(PolicyInfo info, NDManager manager) {
        this.info = info;
        this.manager = manager;
    }

    /** The memory of the network's weights, for subclasses' constructors. */
    protected final NDManager manager() {
        return manager;
    }

    @Override
    public final PolicyInfo info() {
        return info;
    }

    @Override
    public final void act(PolicyBatch batch, float[] out) {
        int n = batch.size();
        try (NDManager m = manager.newSubManager()) {
            decode(forward(m, batch, n), n, out);
        }
    }

    /** The network's outputs (row-major, one row per batch row) for each row's current observation. */
    protected abstract float[] forward(NDManager scope, PolicyBatch batch, int rows);

    /** Writes each row's action from the network's outputs. */
    protected abstract void decode(float[] outputs, int rows, float[] out);

    @Override
    public void close() {
        manager.close();
    }
}
