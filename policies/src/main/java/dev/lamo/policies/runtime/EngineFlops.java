package dev.lamo.policies.runtime;

/** What an engine policy computes per batch row, for benchmarks' GFLOP/s. */
public interface EngineFlops {

    /** Floating-point operations of one row's forward with a full window (2 per multiply-add of the products). */
    long flopsPerRow();
}
