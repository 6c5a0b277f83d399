package dev.lamo.harness.cli;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import dev.lamo.harness.eval.Evaluation;
import dev.lamo.policies.runtime.DtSpec;
import dev.lamo.policies.runtime.EngineDtPolicy;
import dev.lamo.policies.runtime.PolicyRuntime;
import dev.lamo.policies.runtime.VectorOps;
import dev.lamo.policies.runtime.gpu.CheckModel;
import dev.lamo.policies.runtime.gpu.GpuRuntime;
import java.util.stream.Collectors;

/**
 * Policies of the GPU check's seeded models ({@code lamo bench harness --seeded NAME}): the weights come from the seed,
 * so a machine that cannot receive a GPT-2-small-sized checkpoint still benchmarks LaMo at that size. The weights
 * are random, so only the cost means something, not the episodes' returns.
 *
 * @param runtime gpu or engine (auto resolved already)
 */
record SeededPolicies(CheckModel model, long seed, PolicyRuntime runtime, int threads) {

    /** The model named, on a concrete runtime; a bad name or runtime fails in one line. */
    static SeededPolicies of(String name, long seed, PolicyRuntime requested, int threads) {
        CheckModel model;
        try {
            model = CheckModel.named(name);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--seeded must be one of " + CheckModel.ALL.stream().map(CheckModel::name)
                    .collect(Collectors.joining(", ")) + ", got '" + name + "'");
        }
        PolicyRuntime runtime = switch (requested) {
            case AUTO -> GpuRuntime.available() ? PolicyRuntime.GPU : PolicyRuntime.ENGINE;
            case GPU, ENGINE -> requested;
            case DJL -> throw new BadInputException("--seeded models run on the engine or the gpu, not on djl");
        };
        return new SeededPolicies(model, seed, runtime, threads);
    }

    /** Checks that the environment's observations and actions fit the model's shape. */
    void checkFits(String envId) {
        EnvSpec env = EnvRegistry.spec(envId);
        int obs = model.architecture().stateSize();
        int act = model.architecture().actionSize();
        try (var e = EnvRegistry.make(env.id())) {
            if (e.observationSpace().flatSize() != obs || e.actionSpace().flatSize() != act) {
                throw new BadInputException("--seeded " + model.name() + " reads " + obs + " observations and writes " + act
                        + " actions; --env " + envId + " has " + e.observationSpace().flatSize() + " and "
                        + e.actionSpace().flatSize());
            }
        }
    }

    /** Every checkpoint the evaluation asks for is this one model. */
    Evaluation.PolicyFactory factory() {
        return (runDir, step) -> {
            DtSpec spec = model.spec(seed);
            return runtime == PolicyRuntime.GPU ? GpuRuntime.load(spec) : new EngineDtPolicy(spec, new VectorOps(), threads);
        };
    }
}
