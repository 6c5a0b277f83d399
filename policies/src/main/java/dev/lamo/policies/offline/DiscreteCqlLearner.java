package dev.lamo.policies.offline;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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

/**
 * Discrete CQL on a double DQN: the TD target is computed outside the graph (online network's argmax at s',
 * target network's value there), then one backward pass through Huber(Q(s, a) − y) + α · (logsumexp_a Q(s, ·)
 * − Q(s, a)). The target network is a copy refreshed every {@code target_update_interval} updates, counted by
 * the optimizer's saved step so that a resumed run refreshes it when the straight run did.
 */
final class DiscreteCqlLearner implements OfflineLearner<FrameTransitions.Batch> {

    static final String TARGET = "frame_network_target.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";

    private final DiscreteCqlConfig config;
    private final int actions;
    private final NDManager manager = NDManager.newBaseManager();
    private final FrameNetwork online;
    private final FrameNetwork target;
    private final AdamW optimizer;

    DiscreteCqlLearner(DiscreteCqlConfig config, int frameStack, int actions, long totalSteps, RandomGenerator initRng) {
        this.config = config;
        this.actions = actions;
        this.online = new FrameNetwork(manager, frameStack, config.hidden(), actions);
        TorchInit.linearAndConvLayers(online.params, initRng);
        online.params.requireGradients(true);
        this.target = new FrameNetwork(manager, frameStack, config.hidden(), actions);
        target.params.copyFrom(online.params);
        this.optimizer = new AdamW(online.params, AdamW.Settings.adam(config.adamEps()), manager);
    }

    @Override
    public Map<String, Double> update(FrameTransitions.Batch batch, RandomGenerator rng) {
        int n = batch.size();
        Map<String, Double> log = new LinkedHashMap<>();
        try (NDManager step = manager.newSubManager()) {
            NDArray next = online.frames(step, batch.nextStates(), n);
            NDArray y = step.create(targets(FrameNetwork.argmax(online.forward(next).toFloatArray(), n),
                    target.forward(next).toFloatArray(), batch), new Shape(n));
            NDArray states = online.frames(step, batch.states(), n);
            NDArray taken = FrameNetwork.oneHot(step, batch.actions(), n, actions);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray q = online.forward(states);
                NDArray qData = q.mul(taken).sum(new int[] {1});
                NDArray td = huber(qData.sub(y)).mean();
                NDArray gap = CqlLearner.logSumExp(q).reshape(n).sub(qData).mean();
                NDArray loss = td.add(gap.mul(Scalars.constant(config.alpha())));
                gc.backward(loss);
                log.put("loss", (double) loss.getFloat());
                log.put("td_loss", (double) td.getFloat());
                log.put("cql_gap", (double) gap.getFloat());
                log.put("q_data", (double) qData.mean().getFloat());
                log.put("data_action_rate", FrameNetwork.argmaxRate(q.toFloatArray(), batch.actions(), n));
            }
            if (config.clipGradNorm() > 0) {
                log.put("grad_norm", online.params.clipGradientNorm(config.clipGradNorm()));
            }
            optimizer.step(config.lr());
            if ((optimizer.steps() - 1) % config.targetUpdateInterval() == 0) {
                target.params.copyFrom(online.params);
            }
        }
        return log;
    }

    /** Double-DQN targets r + γ (1 − done) Q_target(s', a*), rewards clipped to [−1, 1] when configured. */
    private float[] targets(int[] best, float[] targetValues, FrameTransitions.Batch batch) {
        float[] y = new float[batch.size()];
        for (int k = 0; k < y.length; k++) {
            float r = batch.rewards()[k];
            if (config.clipRewards()) {
                r = Math.max(-1f, Math.min(1f, r));
            }
            y[k] = (float) (r + config.gamma() * (1 - batch.dones()[k]) * targetValues[k * actions + best[k]]);
        }
        return y;
    }

    /**
     * Huber loss with threshold 1 (PyTorch's smooth L1, d3rlpy's TD loss) as 0.5·c² + (|d| − c) with c = min(|d|, 1):
     * one expression for both branches, and only tensor operands in the graph.
     */
    static NDArray huber(NDArray d) {
        NDArray abs = d.abs();
        NDArray c = abs.minimum(Scalars.constant(1));
        return c.square().mul(Scalars.constant(0.5)).add(abs.sub(c));
    }

    @Override
    public List<String> save(Path dir) throws IOException {
        online.save(dir.resolve(FrameNetwork.FILE));
        target.save(dir.resolve(TARGET));
        optimizer.save(dir.resolve(OPTIMIZER));
        return List.of(FrameNetwork.FILE, TARGET, OPTIMIZER);
    }

    @Override
    public void load(Path dir) throws IOException {
        online.load(dir.resolve(FrameNetwork.FILE));
        target.load(dir.resolve(TARGET));
        optimizer.load(dir.resolve(OPTIMIZER));
    }

    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}
