package dev.lamo.policies.sac;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.lamo.policies.nn.NamedParameters;
import dev.lamo.policies.nn.TorchInit;
import dev.lamo.policies.nn.TwinCritics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** SAC's five networks: the actor, two critics and their Polyak-averaged targets. */
final class SacNetworks implements AutoCloseable {

    static final List<String> FILES = files();

    final NDManager manager;
    final ParameterStore store;
    final TanhGaussianActor actor;
    final NamedParameters actorParams;
    final TwinCritics critics;

    /** Initialises the actor, then the two critics, from {@code initRng} with PyTorch's default scheme. */
    SacNetworks(int obsDim, int actDim, int[] hidden, RandomGenerator initRng) {
        manager = NDManager.newBaseManager();
        store = new ParameterStore(manager, false);
        actor = new TanhGaussianActor(hidden, actDim);
        actor.initialize(manager, DataType.FLOAT32, new Shape(1, obsDim));
        actorParams = NamedParameters.of(actor);
        TorchInit.linearLayers(actorParams, initRng);
        actorParams.requireGradients(true);
        critics = new TwinCritics(manager, store, obsDim + actDim, hidden, initRng, TorchInit::linearLayers);
    }

    private static List<String> files() {
        List<String> files = new ArrayList<>();
        files.add("actor.safetensors");
        files.addAll(TwinCritics.FILES);
        return List.copyOf(files);
    }

    NDList actorOutput(NDArray obs) {
        return actor.forward(store, new NDList(obs), true);
    }

    void save(Path dir) throws IOException {
        actorParams.save(dir.resolve(FILES.get(0)), Map.of("format", "lamo sac actor"));
        critics.save(dir);
    }

    void load(Path dir) throws IOException {
        actorParams.load(dir.resolve(FILES.get(0)));
        critics.load(dir);
    }

    @Override
    public void close() {
        manager.close();
    }
}
