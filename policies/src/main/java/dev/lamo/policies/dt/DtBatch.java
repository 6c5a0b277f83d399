package dev.lamo.policies.dt;

import ai.djl.ndarray.NDManager;

/** A minibatch of Decision Transformer windows as Java arrays, turned into tensors for one forward pass. */
public interface DtBatch {

    /** The batch as tensors owned by {@code manager}'s current scope. */
    DtInputs inputs(NDManager manager);
}
