package dev.lamo.policies.sac;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.Env;
import dev.lamo.envs.spaces.BoxSpace;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyInfo;
import dev.lamo.policies.StochasticPolicy;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.policies.nn.NamedParameters;
import dev.lamo.policies.run.HyperParameters;
import dev.lamo.results.records.RunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.random.RandomGenerator;

/** A SAC actor from a checkpoint, behind the batched policy interface (deterministic: tanh of the mean). */
public final class SacPolicy implements StochasticPolicy {

    private final PolicyInfo info;
    private final NDManager manager;
    private final ParameterStore store;
    private final TanhGaussianActor actor;
    private final double[] low;
    private final double[] high;

    public SacPolicy(RunConfig config, Path checkpoint) {
        DjlRuntime.configure();
        SacConfig sac = HyperParameters.fromMap(config.hyperparameters(), SacConfig.class);
        int obsDim;
        try (Env<?, ?> env = EnvRegistry.make(config.envId())) {
            obsDim = env.observationSpace().flatSize();
            BoxSpace space = (BoxSpace) env.actionSpace();
            low = space.low();
            high = space.high();
        }
        int actDim = low.length;
        this.info = PolicyInfo.markov(config, obsDim, actDim, false);
        this.manager = NDManager.newBaseManager();
        this.store = new ParameterStore(manager, false);
        this.actor = new TanhGaussianActor(sac.hiddenSizes(), actDim);
        actor.initialize(manager, DataType.FLOAT32, new Shape(1, obsDim));
        try {
            NamedParameters.of(actor).load(checkpoint.resolve(SacNetworks.FILES.get(0)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    @Override
    public PolicyInfo info() {
        return info;
    }

    @Override
    public void act(PolicyBatch batch, float[] out) {
        forward(batch, out, null);
    }

    @Override
    public void sample(PolicyBatch batch, float[] out, RandomGenerator rng) {
        forward(batch, out, rng);
    }

    private void forward(PolicyBatch batch, float[] out, RandomGenerator rng) {
        int n = batch.size();
        int obsDim = info.observationSize();
        int actDim = info.actionSize();
        float[] states = new float[n * obsDim];
        for (int r = 0; r < n; r++) {
            System.arraycopy(batch.states(), batch.lastStateOffset(r), states, r * obsDim, obsDim);
        }
        try (NDScope scope = new NDScope()) {
            NDList dist = actor.forward(store, new NDList(manager.create(states, new Shape(n, obsDim))), false);
            NDArray squashed;
            if (rng == null) {
                squashed = TanhGaussianActor.deterministic(dist);
            } else {
                float[] z = new float[n * actDim];
                for (int i = 0; i < z.length; i++) {
                    z[i] = (float) rng.nextGaussian();
                }
                squashed = TanhGaussianActor.sample(dist, manager.create(z, new Shape(n, actDim))).get(0);
            }
            float[] a = squashed.toFloatArray();
            for (int i = 0; i < n * actDim; i++) {
                int k = i % actDim;
                out[i] = (float) (low[k] + (a[i] + 1) * 0.5 * (high[k] - low[k]));
            }
            scope.suppressNotUsedWarning();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
