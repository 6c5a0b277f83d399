package dev.lamo.policies.offline;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.lamo.policies.nn.AdamW;
import dev.lamo.policies.nn.TorchInit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Behaviour cloning: the actor's deterministic action regressed onto the dataset's by mean squared error. */
final class BcLearner implements OfflineLearner<Transitions.Batch> {

    private final BcConfig config;
    private final NDManager manager = NDManager.newBaseManager();
    private final ActorNetwork actor;
    private final AdamW optimizer;

    BcLearner(BcConfig config, int stateDim, int actionDim, long totalSteps, RandomGenerator initRng) {
        this.config = config;
        this.actor = new ActorNetwork(manager, new ParameterStore(manager, false), stateDim, actionDim, config.actorHidden(), 1);
        TorchInit.linearLayers(actor.params, initRng);
        actor.params.requireGradients(true);
        this.optimizer = new AdamW(actor.params, AdamW.Settings.adam(1e-8), manager);
    }

    @Override
    public Map<String, Double> update(Transitions.Batch batch, RandomGenerator rng) {
        try (NDManager step = manager.newSubManager()) {
            BatchArrays b = BatchArrays.of(step, batch);
            double loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = actor.act(b.states()).sub(b.actions()).square().mean();
                gc.backward(l);
                loss = l.getFloat();
            }
            optimizer.step(config.lr());
            return Map.of("actor_loss", loss);
        }
    }

    @Override
    public List<String> save(Path dir) throws IOException {
        actor.save(dir);
        optimizer.save(dir.resolve("actor_optimizer.safetensors"));
        return List.of(ActorNetwork.FILE, "actor_optimizer.safetensors");
    }

    @Override
    public void load(Path dir) throws IOException {
        actor.load(dir);
        optimizer.load(dir.resolve("actor_optimizer.safetensors"));
    }

    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}
