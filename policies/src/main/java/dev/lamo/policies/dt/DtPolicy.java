package dev.lamo.policies.dt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.lamo.envs.Seeds;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyInfo;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.envs.arcade.AleProtocol;
import dev.lamo.policies.pixels.FrameEncoder;
import dev.lamo.policies.pixels.FrameTokenCache;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import dev.lamo.results.records.RunConfig;
import dev.lamo.results.records.RunFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A trained LaMo or Decision Transformer behind the batched policy interface: B left-padded context windows
 * of raw states, actions, returns-to-go and timesteps in, B actions out, in one forward pass. States are
 * normalised with the training data's statistics and padded with zeros after normalisation, returns divided
 * by the return scale, as LaMo's evaluation does. On the Atari path states are uint8 stacked frames and the
 * output is the argmax of the last step's logits, as an action index.
 */
public final class DtPolicy implements Policy {

    private final PolicyInfo info;
    private final DtModel model;
    private final ParameterStore store;
    private final float[] mean;
    private final float[] std;
    private final float scale;
    private final int maxEpisodeLength;
    private final boolean pixels;
    /** The CNN tokens of frames already seen (pixel policies): each stack is encoded once per episode. */
    private final FrameTokenCache stateTokens;

    public DtPolicy(RunConfig config, Path checkpoint) {
        DjlRuntime.configure();
        RunFacts facts = config.facts();
        DtModel.Architecture arch = DtModel.Architecture.of(config);
        this.model = new DtModel(arch, Seeds.rng(0));
        try {
            model.load(checkpoint.resolve(DtLearner.MODEL_FILE));
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException("cannot read " + checkpoint + ": " + e.getMessage(), e);
        }
        this.store = new ParameterStore(model.manager(), false);
        this.pixels = arch.pixels() != null;
        this.stateTokens = pixels ? new FrameTokenCache(arch.backbone().nEmbd(), 1 << 14) : null;
        String run = config.algorithm() + " run on " + config.envId();
        RunFacts.StateNormalization norm = pixels ? null
                : RunFacts.require(facts.stateNormalization(), "state_normalization", run);
        this.mean = pixels ? null : norm.mean();
        this.std = pixels ? null : norm.std();
        this.scale = RunFacts.require(facts.returnScale(), "return_scale", run).floatValue();
        this.maxEpisodeLength = RunFacts.require(facts.maxEpisodeLength(), "max_episode_length", run);
        int k = RunFacts.require(facts.contextLength(), "context_length", run);
        this.info = pixels
                ? PolicyInfo.returnConditioned(config, arch.stateSize() * AleProtocol.FRAME_BYTES, 1, k, scale, true)
                : PolicyInfo.returnConditioned(config, arch.stateSize(), arch.actionSize(), k, scale, false);
    }

    @Override
    public PolicyInfo info() {
        return info;
    }

    public DtModel model() {
        return model;
    }

    @Override
    public void act(PolicyBatch batch, float[] out) {
        if (pixels) {
            actOnFrames(batch, out);
            return;
        }
        int b = batch.size();
        int k = batch.context();
        int s = info.observationSize();
        int a = info.actionSize();
        if (k != info.contextLength() || batch.observationSize() != s || batch.actionSize() != a) {
            throw new IllegalArgumentException("policy batch of context " + k + ", sizes " + batch.observationSize() + "/"
                    + batch.actionSize() + " does not fit a policy of context " + info.contextLength() + ", sizes " + s + "/" + a);
        }
        float[] states = new float[b * k * s];
        float[] actions = new float[b * k * a];
        Steps steps = steps(batch, i -> {
            for (int d = 0; d < s; d++) {
                states[i * s + d] = (batch.states()[i * s + d] - mean[d]) / std[d];
            }
            System.arraycopy(batch.actions(), i * a, actions, i * a, a);
        });
        NDManager m = model.manager();
        try (NDScope scope = new NDScope()) {
            DtInputs in = inputs(m, new TrajectoryWindows.Batch(b, k, states, actions, steps.returns(), steps.timesteps(),
                    steps.mask()), s, a);
            float[] predicted = model.network().predictLastAction(store, in).toFloatArray();
            System.arraycopy(predicted, 0, out, 0, b * a);
            scope.suppressNotUsedWarning();
        }
    }

    /** The Atari path: left-padded windows of frames and action indices; out gets the argmax action. */
    private void actOnFrames(PolicyBatch batch, float[] out) {
        int b = batch.size();
        int k = batch.context();
        int frameStack = model.architecture().stateSize();
        if (k != info.contextLength() || !batch.hasFrames() || batch.observationSize() != info.observationSize()) {
            throw new IllegalArgumentException("policy batch of context " + k + " and " + batch.observationSize()
                    + (batch.hasFrames() ? "-byte frames" : " floats") + " does not fit a pixel policy of context "
                    + info.contextLength() + " and " + info.observationSize() + "-byte frames");
        }
        long[] actions = new long[b * k];
        Steps steps = steps(batch, i -> actions[i] = (long) batch.actions()[i]);
        float[] returns = steps.returns();
        long[] timesteps = steps.timesteps();
        float[] mask = steps.mask();
        int s = info.observationSize();
        NDManager m = model.manager();
        try (NDScope scope = new NDScope()) {
            float[] tokens = stateTokens.tokens(batch.frames(), b * k, s, (stacks, n) -> {
                try (NDScope encoding = new NDScope()) {
                    NDArray frames = m.create(ByteBuffer.wrap(stacks), new Shape(1, n, frameStack, FrameEncoder.FRAME_SIZE,
                            FrameEncoder.FRAME_SIZE), DataType.UINT8);
                    float[] encoded = model.network().embedStates(store, frames).toFloatArray();
                    encoding.suppressNotUsedWarning();
                    return encoded;
                }
            });
            int hidden = tokens.length / (b * k);
            DtInputs in = new DtInputs(null, m.create(actions, new Shape(b, k)), m.create(returns, new Shape(b, k, 1)),
                    m.create(timesteps, new Shape(b, k)), m.create(mask, new Shape(b, k)));
            NDArray logits = model.network().predictLastAction(store, in, m.create(tokens, new Shape(b, k, hidden)));
            long[] best = logits.argMax(1).toLongArray();
            for (int r = 0; r < b; r++) {
                out[r] = best[r];
            }
            scope.suppressNotUsedWarning();
        }
    }

    /** Returns-to-go (scaled), timesteps (clamped to the table) and the mask of a batch's real steps. */
    private record Steps(float[] returns, long[] timesteps, float[] mask) {
    }

    /** The window's per-step scalars; {@code perStep} copies the states and actions of each real step i. */
    private Steps steps(PolicyBatch batch, java.util.function.IntConsumer perStep) {
        int b = batch.size();
        int k = batch.context();
        float[] returns = new float[b * k];
        long[] timesteps = new long[b * k];
        float[] mask = new float[b * k];
        for (int r = 0; r < b; r++) {
            for (int p = k - batch.lengths()[r]; p < k; p++) {
                int i = r * k + p;
                perStep.accept(i);
                returns[i] = batch.returnsToGo()[i] / scale;
                timesteps[i] = Math.min(batch.timesteps()[i], maxEpisodeLength - 1);
                mask[i] = 1f;
            }
        }
        return new Steps(returns, timesteps, mask);
    }

    /** NDArrays of a batch of windows (the arrays belong to the calling scope). */
    static DtInputs inputs(NDManager m, TrajectoryWindows.Batch b, int s, int a) {
        int n = b.size();
        int k = b.context();
        NDArray states = m.create(b.states(), new Shape(n, k, s));
        NDArray actions = m.create(b.actions(), new Shape(n, k, a));
        NDArray returns = m.create(b.returns(), new Shape(n, k, 1));
        NDArray timesteps = m.create(b.timesteps(), new Shape(n, k));
        NDArray mask = m.create(b.mask(), new Shape(n, k));
        return new DtInputs(states, actions, returns, timesteps, mask);
    }

    @Override
    public void close() {
        model.close();
    }
}
