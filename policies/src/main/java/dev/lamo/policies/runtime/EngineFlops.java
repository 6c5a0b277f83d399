package dev.lamo.policies.runtime;

/**
 * What a forward computes per batch row with a full window, for benchmarks' GFLOP/s: 2 per multiply-add of
 * the products (point-wise operations not counted), as this engine computes it and as the DJL forward does.
 */
public interface EngineFlops {

    /** The engine's: padding skipped, the last layer trimmed to the last state token, only the A outputs used. */
    long flopsPerRow();

    /**
     * DJL's for the same model: every token's query in the last layer, the last action placeholder embedded,
     * every output of the actor's last layer.
     */
    long djlFlopsPerRow();
}
