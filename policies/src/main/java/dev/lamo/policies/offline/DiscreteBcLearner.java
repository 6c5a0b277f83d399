package dev.lamo.policies.offline;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.lamo.policies.nn.AdamW;
import dev.lamo.policies.nn.Scalars;
import dev.lamo.policies.nn.TorchInit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Behaviour cloning on frames: the network's logits fitted to the dataset's actions by cross-entropy. */
final class DiscreteBcLearner implements OfflineLearner<FrameTransitions.Batch> {

    static final String OPTIMIZER = "optimizer.safetensors";

    private final DiscreteBcConfig config;
    private final int actions;
    private final NDManager manager = NDManager.newBaseManager();
    private final FrameNetwork network;
    private final AdamW optimizer;

    DiscreteBcLearner(DiscreteBcConfig config, int frameStack, int actions, long totalSteps, RandomGenerator initRng) {
        this.config = config;
        this.actions = actions;
        this.network = new FrameNetwork(manager, frameStack, config.hidden(), actions);
        TorchInit.linearAndConvLayers(network.params, initRng);
        network.params.requireGradients(true);
        this.optimizer = new AdamW(network.params, AdamW.Settings.adam(config.adamEps()), manager);
    }

    @Override
    public Map<String, Double> update(FrameTransitions.Batch batch, RandomGenerator rng) {
        int n = batch.size();
        Map<String, Double> log = new LinkedHashMap<>();
        try (NDManager step = manager.newSubManager()) {
            NDArray frames = network.frames(step, batch.states(), n);
            NDArray taken = FrameNetwork.oneHot(step, batch.actions(), n, actions);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = network.forward(frames);
                NDArray crossEntropy = logits.logSoftmax(1).mul(taken).sum(new int[] {1}).mean().neg();
                NDArray loss = crossEntropy.add(logits.square().mean().mul(Scalars.constant(config.logitPenalty())));
                gc.backward(loss);
                log.put("actor_loss", (double) loss.getFloat());
                log.put("cross_entropy", (double) crossEntropy.getFloat());
                log.put("accuracy", FrameNetwork.argmaxRate(logits.toFloatArray(), batch.actions(), n));
            }
            optimizer.step(config.lr());
        }
        return log;
    }

    @Override
    public List<String> save(Path dir) throws IOException {
        network.save(dir.resolve(FrameNetwork.FILE));
        optimizer.save(dir.resolve(OPTIMIZER));
        return List.of(FrameNetwork.FILE, OPTIMIZER);
    }

    @Override
    public void load(Path dir) throws IOException {
        network.load(dir.resolve(FrameNetwork.FILE));
        optimizer.load(dir.resolve(OPTIMIZER));
    }

    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}
