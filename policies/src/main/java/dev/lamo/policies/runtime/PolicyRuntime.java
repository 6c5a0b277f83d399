package dev.lamo.policies.runtime;

import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyLoader;
import dev.lamo.policies.registry.Algorithm;
import dev.lamo.results.records.RunConfig;
import java.util.Locale;

/**
 * Which implementation runs a policy's forward: the inference engine of this package, DJL (PyTorch), or
 * {@code auto} (the engine where it supports the policy, DJL otherwise). Recorded in an evaluation's protocol
 * as {@code engine} or {@code djl}; a record without it counts as {@code djl}.
 */
public enum PolicyRuntime {
    AUTO, ENGINE, DJL;

    /** What records without a runtime were evaluated with. */
    public static final String LEGACY = "djl";

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code auto}, {@code engine} or {@code djl}; anything else fails in one line naming the flag. */
    public static PolicyRuntime parse(String value) {
        for (PolicyRuntime r : values()) {
            if (r.id().equals(value)) {
                return r;
            }
        }
        throw new IllegalArgumentException("--runtime must be auto, engine or djl, got '" + value + "'");
    }

    /** The concrete runtime for a run: ENGINE or DJL. */
    public PolicyRuntime resolve(RunConfig config) {
        boolean supported = EngineCheckpoint.supports(config);
        return switch (this) {
            case AUTO -> supported ? ENGINE : DJL;
            case DJL -> DJL;
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
        if (resolve(ref.config()) == DJL) {
            return PolicyLoader.load(ref);
        }
        EngineCheckpoint c = EngineCheckpoint.of(ref);
        EngineOps ops = new VectorOps();
        return c.model() == Algorithm.EngineModel.DECISION_TRANSFORMER ? new EngineDtPolicy(c, ops, threads)
                : new EngineActorPolicy(c, ops);
    }
}
