package dev.lamo.policies.offline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.lamo.policies.nn.Mlp;
import dev.lamo.policies.nn.NamedParameters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The actor MLP of every offline baseline, stored as {@code actor.safetensors}: from the normalised state to
 * {@code outputsPerAction × A} values whose first A, squashed by tanh, are the deterministic action in [−1, 1]
 * (BC and TD3+BC's output, IQL's Gaussian mean, CQL's tanh-Gaussian mean). The harness evaluates exactly this.
 */
final class ActorNetwork {

    static final String FILE = "actor.safetensors";

    final Mlp mlp;
    final NamedParameters params;
    private final ParameterStore store;
    private final int actions;

    ActorNetwork(NDManager manager, ParameterStore store, int stateDim, int actions, int[] hidden, int outputsPerAction) {
        this.mlp = new Mlp(hidden, outputsPerAction * actions);
        mlp.initialize(manager, DataType.FLOAT32, new Shape(1, stateDim));
        this.params = NamedParameters.of(mlp);
        this.store = store;
        this.actions = actions;
    }

    /** The raw outputs, (B, outputsPerAction · A). */
    NDArray raw(NDArray states) {
        return mlp.forward(store, new NDList(states), true).singletonOrThrow();
    }

    /** tanh of the first A outputs: the deterministic action in [−1, 1]. */
    NDArray act(NDArray states) {
        return firstActions(raw(states)).tanh();
    }

    NDArray firstActions(NDArray raw) {
        return raw.get(new NDIndex(":, :{}", actions));
    }

    NDArray secondActions(NDArray raw) {
        return raw.get(new NDIndex(":, {}:", actions));
    }

    void save(Path dir) throws IOException {
        params.save(dir.resolve(FILE), Map.of("format", "lamo offline actor"));
    }

    void load(Path dir) throws IOException {
        params.load(dir.resolve(FILE));
    }
}
