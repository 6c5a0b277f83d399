package dev.lamo.policies.offline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.lamo.envs.spaces.BoxSpace;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyInfo;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.policies.run.FloatArrays;
import dev.lamo.policies.run.HyperParameters;
import dev.lamo.results.records.RunConfig;
import dev.lamo.results.records.RunFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The deterministic actor of an offline baseline's checkpoint behind the batched policy interface: states
 * normalised as in training, one forward pass for the whole batch, tanh outputs mapped to the action bounds.
 */
public final class OfflineActorPolicy implements Policy {

    private final PolicyInfo info;
    private final NDManager manager;
    private final ActorNetwork actor;
    private final float[] mean;
    private final float[] std;
    private final double[] low;
    private final double[] high;

    public OfflineActorPolicy(RunConfig config, Path checkpoint) {
        DjlRuntime.configure();
        var algorithm = OfflineAlgorithms.get(config.algorithm());
        OfflineConfig c = HyperParameters.fromMap(config.hyperparameters(), algorithm.configType());
        RunFacts.StateNormalization norm = RunFacts.require(config.facts().stateNormalization(), "state_normalization",
                config.algorithm() + " run on " + config.envId());
        this.mean = norm.mean();
        this.std = norm.std();
        BoxSpace actions = OfflineTrainer.actionSpace(config.envId());
        this.low = actions.low();
        this.high = actions.high();
        this.info = PolicyInfo.markov(config, mean.length, low.length, false);
        this.manager = NDManager.newBaseManager();
        this.actor = new ActorNetwork(manager, new ParameterStore(manager, false), mean.length, low.length, c.actorHidden(),
                c.actorOutputsPerAction());
        try {
            actor.load(checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + checkpoint.resolve(ActorNetwork.FILE) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public PolicyInfo info() {
        return info;
    }

    @Override
    public void act(PolicyBatch batch, float[] out) {
        int n = batch.size();
        int d = mean.length;
        int a = low.length;
        float[] states = new float[n * d];
        for (int r = 0; r < n; r++) {
            int offset = batch.lastStateOffset(r);
            for (int c = 0; c < d; c++) {
                states[r * d + c] = (batch.states()[offset + c] - mean[c]) / std[c];
            }
        }
        try (NDManager m = manager.newSubManager()) {
            NDArray squashed = actor.act(m.create(states, new Shape(n, d)));
            float[] unit = squashed.toFloatArray();
            for (int i = 0; i < n * a; i++) {
                int k = i % a;
                out[i] = (float) (low[k] + (unit[i] + 1) * 0.5 * (high[k] - low[k]));
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
