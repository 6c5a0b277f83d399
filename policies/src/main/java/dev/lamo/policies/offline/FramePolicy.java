package dev.lamo.policies.offline;

import ai.djl.ndarray.NDManager;
import dev.lamo.policies.Policy;
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
public final class FramePolicy implements Policy {

    private final PolicyInfo info;
    private final NDManager manager;
    private final FrameNetwork network;
    private byte[] stacks = new byte[0];

    public FramePolicy(RunConfig config, Path checkpoint) {
        DjlRuntime.configure();
        FrameConfig c = HyperParameters.fromMap(config.hyperparameters(),
                OfflineAlgorithms.frames(config.algorithm(), config.envId()).configType());
        RunFacts.Observation observation = config.facts().observation();
        int frameStack = observation.frameStack();
        int actions = observation.actionCount();
        this.manager = NDManager.newBaseManager();
        this.network = new FrameNetwork(manager, frameStack, c.hidden(), actions);
        this.info = PolicyInfo.markov(config, network.stackBytes(), 1, true);
        try {
            network.load(checkpoint.resolve(FrameNetwork.FILE));
        } catch (IOException e) {
            manager.close();
            throw new UncheckedIOException("cannot read " + checkpoint.resolve(FrameNetwork.FILE) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public PolicyInfo info() {
        return info;
    }

    @Override
    public void act(PolicyBatch batch, float[] out) {
        int n = batch.size();
        try (NDManager m = manager.newSubManager()) {
            float[] values = network.forward(network.frames(m, stacks(batch), n)).toFloatArray();
            int[] best = FrameNetwork.argmax(values, n);
            for (int r = 0; r < n; r++) {
                out[r] = best[r];
            }
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

    @Override
    public void close() {
        manager.close();
    }
}
