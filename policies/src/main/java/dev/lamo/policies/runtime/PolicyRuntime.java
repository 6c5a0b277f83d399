package dev.lamo.policies.runtime;

import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyLoader;
import dev.lamo.policies.registry.Algorithm;
import dev.lamo.policies.registry.Algorithms;
import dev.lamo.results.records.RunConfig;
import dev.lamo.policies.runtime.gpu.GpuRuntime;
import java.util.Locale;

/**
 * Which implementation runs a policy's forward: the inference engine of this package on the CPU, the same forward on
 * an NVIDIA GPU ({@code gpu}: DT and LaMo on vector observations, {@link dev.lamo.policies.runtime.gpu}), DJL
 * (PyTorch), or {@code auto} (the GPU where one is usable and it supports the policy, else the CPU engine where it
 * supports the policy, DJL otherwise). Recorded in an evaluation's protocol as {@code gpu}, {@code engine} or
 * {@code djl}; a record without it counts as {@code djl}.
 */
public enum PolicyRuntime {
    AUTO, ENGINE, GPU, DJL;

    /** What records without a runtime were evaluated with. */
    public static final String LEGACY = "djl";

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code auto}, {@code engine}, {@code gpu} or {@code djl}; anything else fails in one line naming the flag. */
    public static PolicyRuntime parse(String value) {
        for (PolicyRuntime r : values()) {
            if (r.id().equals(value)) {
                return r;
            }
        }
        throw new IllegalArgumentException("--runtime must be auto, engine, gpu or djl, got '" + value + "'");
    }

    /**
     * The concrete runtime for a run: GPU, ENGINE or DJL. {@code auto} probes the GPU once per process (and says on
     * stderr when it falls back to the CPU engine for lack of one).
     */
    public PolicyRuntime resolve(RunConfig config) {
        boolean supported = EngineCheckpoint.supports(config);
        return switch (this) {
            case AUTO -> {
                if (supported && gpuModel(config)) {
                    if (GpuRuntime.available()) {
                        yield GPU;
                    }
                    GpuRuntime.reportFallback();
                }
                yield supported ? ENGINE : DJL;
            }
            case DJL -> DJL;
            case GPU -> {
                if (!supported || !gpuModel(config)) {
                    throw new IllegalArgumentException("--runtime gpu: the GPU runs DT and LaMo policies on vector observations, not "
                            + config.algorithm() + " on " + config.envId());
                }
                yield GPU;
            }
            case ENGINE -> {
                if (!supported) {
                    throw new IllegalArgumentException("--runtime engine: the engine does not run " + config.algorithm()
                            + " policies on " + config.envId() + " (pixel policies run on djl)");
                }
                yield ENGINE;
            }
        };
    }

    /**
     * Loads a checkpoint's policy on this runtime ({@code threads}: engine threads sharing a batch's rows; the
     * results do not depend on it).
     */
    public Policy load(PolicyLoader.CheckpointRef ref, int threads) {
        PolicyRuntime concrete = resolve(ref.config());
        if (concrete == DJL) {
            return PolicyLoader.load(ref);
        }
        EngineCheckpoint c = EngineCheckpoint.of(ref);
        if (concrete == GPU) {
            return GpuRuntime.load(DtSpec.of(c));
        }
        EngineOps ops = new VectorOps();
        return c.model() == Algorithm.EngineModel.DECISION_TRANSFORMER ? new EngineDtPolicy(c, ops, threads)
                : new EngineActorPolicy(c, ops);
    }

    private static boolean gpuModel(RunConfig config) {
        return Algorithms.get(config.algorithm()).engineModel() == Algorithm.EngineModel.DECISION_TRANSFORMER;
    }
}
