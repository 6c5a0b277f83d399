package dev.lamo.policies.offline;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.lamo.envs.spaces.BoxSpace;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyInfo;
import dev.lamo.policies.djl.DjlRuntime;
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
public final class OfflineActorPolicy extends MarkovPolicy {

    private final ActorNetwork actor;
    private final float[] mean;
    private final float[] std;
    private final double[] low;
    private final double[] high;

    public OfflineActorPolicy(RunConfig config, Path checkpoint) {
        this(config, checkpoint, stateNormalization(config), OfflineTrainer.actionSpace(config.envId()));
    }

    private OfflineActorPolicy(RunConfig config, Path checkpoint, RunFacts.StateNormalization norm, BoxSpace actions) {
        super(PolicyInfo.markov(config, norm.mean().length, actions.flatSize(), false), NDManager.newBaseManager());
        OfflineConfig c = HyperParameters.fromMap(config.hyperparameters(),
                OfflineAlgorithms.get(config.algorithm()).configType());
        this.mean = norm.mean();
        this.std = norm.std();
        this.low = actions.low();
        this.high = actions.high();
        NDManager manager = manager();
        this.actor = new ActorNetwork(manager, new ParameterStore(manager, false), mean.length, low.length, c.actorHidden(),
                c.actorOutputsPerAction());
        try {
            actor.load(checkpoint);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot read " + checkpoint.resolve(ActorNetwork.FILE) + ": " + e.getMessage(), e);
        }
    }

    private static RunFacts.StateNormalization stateNormalization(RunConfig config) {
        DjlRuntime.configure();
        return RunFacts.require(config.facts().stateNormalization(), "state_normalization",
                config.algorithm() + " run on " + config.envId());
    }

    @Override
    protected float[] forward(NDManager scope, PolicyBatch batch, int rows) {
        int d = mean.length;
        float[] states = new float[rows * d];
        for (int r = 0; r < rows; r++) {
            int offset = batch.lastStateOffset(r);
            for (int c = 0; c < d; c++) {
                states[r * d + c] = (batch.states()[offset + c] - mean[c]) / std[c];
            }
        }
        return actor.act(scope.create(states, new Shape(rows, d))).toFloatArray();   // (rows, A) in [-1, 1]
    }

    @Override
    protected void decode(float[] unit, int rows, float[] out) {
        int a = low.length;
        for (int i = 0; i < rows * a; i++) {
            int k = i % a;
            out[i] = (float) (low[k] + (unit[i] + 1) * 0.5 * (high[k] - low[k]));
        }
    }
}
