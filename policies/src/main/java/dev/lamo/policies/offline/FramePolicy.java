package dev.lamo.policies.offline;

import ai.djl.ndarray.NDManager;
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
 * A pixel-game baseline's checkpoint (BC or CQL) behind the batched policy interface: each row's current stack
 * through the frame network in one forward pass, and the index of the largest output (logit or Q-value) written
 * as the row's action.
 */
public final class FramePolicy extends MarkovPolicy {

    private final FrameNetwork network;
    private byte[] stacks = new byte[0];

    public FramePolicy(RunConfig config, Path checkpoint) {
        this(config, checkpoint, observation(config));
    }

    private FramePolicy(RunConfig config, Path checkpoint, RunFacts.Observation observation) {
        super(PolicyInfo.markov(config, observation.frameStack() * observation.frameBytes(), 1, true),
                NDManager.newBaseManager());
        FrameConfig c = HyperParameters.fromMap(config.hyperparameters(),
                OfflineAlgorithms.frames(config.algorithm(), config.envId()).configType());
        this.network = new FrameNetwork(manager(), observation.frameStack(), c.hidden(), observation.actionCount());
        try {
            network.load(checkpoint.resolve(FrameNetwork.FILE));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot read " + checkpoint.resolve(FrameNetwork.FILE) + ": " + e.getMessage(), e);
        }
    }

    private static RunFacts.Observation observation(RunConfig config) {
        DjlRuntime.configure();
        RunFacts.Observation o = config.facts().observation();
        if (o == null || !o.isFrames()) {
            throw new IllegalArgumentException(config.algorithm() + " run on " + config.envId()
                    + ": config.json records no frame observation");
        }
        return o;
    }

    @Override
    protected float[] forward(NDManager scope, PolicyBatch batch, int rows) {
        return network.forward(network.frames(scope, stacks(batch), rows)).toFloatArray();   // (rows, actions)
    }

    @Override
    protected void decode(float[] values, int rows, float[] out) {
        int[] best = FrameNetwork.argmax(values, rows);
        for (int r = 0; r < rows; r++) {
            out[r] = best[r];
        }
    }

    /** Each row's current stacked observation. */
    private byte[] stacks(PolicyBatch batch) {
        int stackBytes = network.stackBytes();
        if (!batch.hasFrames() || batch.observationSize() != stackBytes) {
            throw new IllegalArgumentException("frame policy reads observations of " + stackBytes + " bytes, the batch holds "
                    + batch.observationSize() + (batch.hasFrames() ? " bytes" : " floats") + " per state");
        }
        if (stacks.length < batch.size() * stackBytes) {
            stacks = new byte[batch.capacity() * stackBytes];
        }
        for (int r = 0; r < batch.size(); r++) {
            System.arraycopy(batch.frames(), batch.lastStateOffset(r), stacks, r * stackBytes, stackBytes);
        }
        return stacks;
    }
}
