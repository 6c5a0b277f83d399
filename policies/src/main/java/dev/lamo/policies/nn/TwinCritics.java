package dev.lamo.policies.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/**
 * Two Q networks Q(s, a) on the concatenated state and action, with Polyak-averaged target copies, as SAC,
 * TD3+BC, IQL and CQL use them; saved as {@code q1, q2, q1_target, q2_target.safetensors}.
 */
public final class TwinCritics {

    public static final List<String> FILES = List.of("q1.safetensors", "q2.safetensors", "q1_target.safetensors",
            "q2_target.safetensors");

    private final ParameterStore store;
    private final Mlp q1;
    private final Mlp q2;
    private final Mlp q1Target;
    private final Mlp q2Target;
    private final NamedParameters q1Params;
    private final NamedParameters q2Params;
    private final NamedParameters q1TargetParams;
    private final NamedParameters q2TargetParams;
    /** Both online critics (names prefixed {@code q1/}, {@code q2/}), for their optimizer. */
    public final NamedParameters online;

    /**
     * @param init initialises an online critic's parameters from {@code rng} (q1 first, then q2); the targets
     *             start as copies
     */
    public TwinCritics(NDManager manager, ParameterStore store, int inputDim, int[] hidden, RandomGenerator rng,
                       BiConsumer<NamedParameters, RandomGenerator> init) {
        this.store = store;
        q1 = new Mlp(hidden, 1);
        q2 = new Mlp(hidden, 1);
        q1Target = new Mlp(hidden, 1);
        q2Target = new Mlp(hidden, 1);
        for (Mlp q : List.of(q1, q2, q1Target, q2Target)) {
            q.initialize(manager, DataType.FLOAT32, new Shape(1, inputDim));
        }
        q1Params = NamedParameters.of(q1);
        q2Params = NamedParameters.of(q2);
        q1TargetParams = NamedParameters.of(q1Target);
        q2TargetParams = NamedParameters.of(q2Target);
        init.accept(q1Params, rng);
        init.accept(q2Params, rng);
        q1TargetParams.copyFrom(q1Params);
        q2TargetParams.copyFrom(q2Params);
        q1Params.requireGradients(true);
        q2Params.requireGradients(true);
        online = NamedParameters.concat(q1Params.withPrefix("q1/"), q2Params.withPrefix("q2/"));
    }

    public NDArray q1(NDArray states, NDArray actions) {
        return eval(q1, states, actions);
    }

    public NDArray q2(NDArray states, NDArray actions) {
        return eval(q2, states, actions);
    }

    /** min(Q1', Q2') of the target networks. */
    public NDArray minTarget(NDArray states, NDArray actions) {
        return eval(q1Target, states, actions).minimum(eval(q2Target, states, actions));
    }

    /** min(Q1, Q2) of the online networks. */
    public NDArray min(NDArray states, NDArray actions) {
        return q1(states, actions).minimum(q2(states, actions));
    }

    private NDArray eval(Mlp q, NDArray states, NDArray actions) {
        return q.forward(store, new NDList(NDArrays.concat(new NDList(states, actions), 1)), true).singletonOrThrow();
    }

    public void softUpdateTargets(double tau) {
        q1TargetParams.polyak(q1Params, tau);
        q2TargetParams.polyak(q2Params, tau);
    }

    public void save(Path dir) throws IOException {
        q1Params.save(dir.resolve(FILES.get(0)), Map.of());
        q2Params.save(dir.resolve(FILES.get(1)), Map.of());
        q1TargetParams.save(dir.resolve(FILES.get(2)), Map.of());
        q2TargetParams.save(dir.resolve(FILES.get(3)), Map.of());
    }

    public void load(Path dir) throws IOException {
        q1Params.load(dir.resolve(FILES.get(0)));
        q2Params.load(dir.resolve(FILES.get(1)));
        q1TargetParams.load(dir.resolve(FILES.get(2)));
        q2TargetParams.load(dir.resolve(FILES.get(3)));
    }
}
