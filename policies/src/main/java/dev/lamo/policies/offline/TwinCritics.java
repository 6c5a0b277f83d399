package dev.lamo.policies.offline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.lamo.policies.nn.Mlp;
import dev.lamo.policies.nn.NamedParameters;
import dev.lamo.policies.nn.TorchInit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Two Q networks Q(s, a) with Polyak-averaged target copies, as TD3+BC, IQL and CQL use them. */
final class TwinCritics {

    static final List<String> FILES = List.of("q1.safetensors", "q2.safetensors", "q1_target.safetensors",
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
    /** Both online critics, for their optimizer. */
    final NamedParameters online;

    /**
     * @param orthogonal CORL's CQL initialisation (orthogonal, gain √2 inside and 0.01 on the output, zero biases)
     *                   instead of PyTorch's default
     */
    TwinCritics(NDManager manager, ParameterStore store, int inputDim, int[] hidden, RandomGenerator rng, boolean orthogonal) {
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
        for (NamedParameters p : List.of(q1Params, q2Params)) {
            if (orthogonal) {
                Initialisation.orthogonal(p, rng);
            } else {
                TorchInit.linearLayers(p, rng);
            }
        }
        q1TargetParams.copyFrom(q1Params);
        q2TargetParams.copyFrom(q2Params);
        q1Params.requireGradients(true);
        q2Params.requireGradients(true);
        online = NamedParameters.concat(q1Params.withPrefix("q1/"), q2Params.withPrefix("q2/"));
    }

    NDArray q1(NDArray states, NDArray actions) {
        return eval(q1, states, actions);
    }

    NDArray q2(NDArray states, NDArray actions) {
        return eval(q2, states, actions);
    }

    /** min(Q1', Q2') of the target networks. */
    NDArray minTarget(NDArray states, NDArray actions) {
        return eval(q1Target, states, actions).minimum(eval(q2Target, states, actions));
    }

    /** min(Q1, Q2) of the online networks. */
    NDArray min(NDArray states, NDArray actions) {
        return q1(states, actions).minimum(q2(states, actions));
    }

    private NDArray eval(Mlp q, NDArray states, NDArray actions) {
        return q.forward(store, new NDList(NDArrays.concat(new NDList(states, actions), 1)), true).singletonOrThrow();
    }

    void softUpdateTargets(double tau) {
        q1TargetParams.polyak(q1Params, tau);
        q2TargetParams.polyak(q2Params, tau);
    }

    void save(Path dir) throws IOException {
        q1Params.save(dir.resolve(FILES.get(0)), Map.of());
        q2Params.save(dir.resolve(FILES.get(1)), Map.of());
        q1TargetParams.save(dir.resolve(FILES.get(2)), Map.of());
        q2TargetParams.save(dir.resolve(FILES.get(3)), Map.of());
    }

    void load(Path dir) throws IOException {
        q1Params.load(dir.resolve(FILES.get(0)));
        q2Params.load(dir.resolve(FILES.get(1)));
        q1TargetParams.load(dir.resolve(FILES.get(2)));
        q2TargetParams.load(dir.resolve(FILES.get(3)));
    }
}
