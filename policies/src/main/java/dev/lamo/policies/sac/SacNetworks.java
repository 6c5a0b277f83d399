package dev.lamo.policies.sac;

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

/** SAC's five networks: the actor, two critics and their Polyak-averaged targets. */
final class SacNetworks implements AutoCloseable {

    static final List<String> FILES = List.of("actor.safetensors", "q1.safetensors", "q2.safetensors",
            "q1_target.safetensors", "q2_target.safetensors");

    final NDManager manager;
    final ParameterStore store;
    final TanhGaussianActor actor;
    final Mlp q1;
    final Mlp q2;
    final Mlp q1Target;
    final Mlp q2Target;
    final NamedParameters actorParams;
    final NamedParameters q1Params;
    final NamedParameters q2Params;
    final NamedParameters q1TargetParams;
    final NamedParameters q2TargetParams;

    SacNetworks(int obsDim, int actDim, int[] hidden, RandomGenerator initRng) {
        manager = NDManager.newBaseManager();
        store = new ParameterStore(manager, false);
        actor = new TanhGaussianActor(hidden, actDim);
        q1 = new Mlp(hidden, 1);
        q2 = new Mlp(hidden, 1);
        q1Target = new Mlp(hidden, 1);
        q2Target = new Mlp(hidden, 1);
        actor.initialize(manager, DataType.FLOAT32, new Shape(1, obsDim));
        for (Mlp q : List.of(q1, q2, q1Target, q2Target)) {
            q.initialize(manager, DataType.FLOAT32, new Shape(1, obsDim + actDim));
        }
        actorParams = NamedParameters.of(actor);
        q1Params = NamedParameters.of(q1);
        q2Params = NamedParameters.of(q2);
        q1TargetParams = NamedParameters.of(q1Target);
        q2TargetParams = NamedParameters.of(q2Target);
        TorchInit.linearLayers(actorParams, initRng);
        TorchInit.linearLayers(q1Params, initRng);
        TorchInit.linearLayers(q2Params, initRng);
        q1TargetParams.copyFrom(q1Params);
        q2TargetParams.copyFrom(q2Params);
        actorParams.requireGradients(true);
        q1Params.requireGradients(true);
        q2Params.requireGradients(true);
    }

    NDList actorOutput(NDArray obs) {
        return actor.forward(store, new NDList(obs), true);
    }

    static NDArray q(Mlp critic, ParameterStore store, NDArray obs, NDArray action) {
        return critic.forward(store, new NDList(NDArrays.concat(new NDList(obs, action), 1)), true).singletonOrThrow();
    }

    void save(Path dir) throws IOException {
        actorParams.save(dir.resolve(FILES.get(0)), Map.of("format", "lamo sac actor"));
        q1Params.save(dir.resolve(FILES.get(1)), Map.of());
        q2Params.save(dir.resolve(FILES.get(2)), Map.of());
        q1TargetParams.save(dir.resolve(FILES.get(3)), Map.of());
        q2TargetParams.save(dir.resolve(FILES.get(4)), Map.of());
    }

    void load(Path dir) throws IOException {
        actorParams.load(dir.resolve(FILES.get(0)));
        q1Params.load(dir.resolve(FILES.get(1)));
        q2Params.load(dir.resolve(FILES.get(2)));
        q1TargetParams.load(dir.resolve(FILES.get(3)));
        q2TargetParams.load(dir.resolve(FILES.get(4)));
    }

    @Override
    public void close() {
        manager.close();
    }
}
