package dev.lamo.policies.offline;

import dev.lamo.envs.arcade.AleProtocol;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.lamo.policies.nn.NamedBlock;
import dev.lamo.policies.nn.NamedParameters;
import dev.lamo.policies.pixels.FrameEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * One value per discrete action from a stacked observation: the Nature-DQN encoder ({@link FrameEncoder}, its
 * projection to {@code hidden} features), ReLU, and a linear layer to the actions, which is d3rlpy's default
 * pixel encoder with a linear Q-head. Behaviour cloning reads the outputs as logits, CQL as Q-values; either way
 * the policy acts by their argmax. Stored as {@code frame_network.safetensors}.
 */
final class FrameNetwork {

    static final String FILE = "frame_network.safetensors";

    final NamedParameters params;
    private final Net net;
    private final ParameterStore store;
    private final int frameStack;

    FrameNetwork(NDManager manager, int frameStack, int hidden, int actions) {
        this.frameStack = frameStack;
        this.net = new Net(hidden, actions);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, frameStack, FrameEncoder.FRAME_SIZE, FrameEncoder.FRAME_SIZE));
        this.params = NamedParameters.of(net);
        this.store = new ParameterStore(manager, false);
    }

    /** Bytes of one stacked observation. */
    int stackBytes() {
        return frameStack * AleProtocol.FRAME_BYTES;
    }

    /** The first {@code n} stacks of {@code stacks} as a uint8 array (n, frames, 84, 84) owned by {@code manager}. */
    NDArray frames(NDManager manager, byte[] stacks, int n) {
        return manager.create(ByteBuffer.wrap(stacks, 0, n * stackBytes()),
                new Shape(n, frameStack, FrameEncoder.FRAME_SIZE, FrameEncoder.FRAME_SIZE), DataType.UINT8);
    }

    /** (B, actions) values of uint8 frames (B, frames, 84, 84). */
    NDArray forward(NDArray frames) {
        return net.forward(store, new NDList(frames), true).singletonOrThrow();
    }

    void save(Path file) throws IOException {
        params.save(file, Map.of("format", "lamo frame network"));
    }

    void load(Path file) throws IOException {
        params.load(file);
    }

    /** One-hot rows (n, count) of action indices, as float32 masks for picking each row's value. */
    static NDArray oneHot(NDManager manager, int[] actions, int n, int count) {
        float[] mask = new float[n * count];
        for (int r = 0; r < n; r++) {
            mask[r * count + actions[r]] = 1f;
        }
        return manager.create(mask, new Shape(n, count));
    }

    /** Index of the largest value in each row of a (rows × actions) array; the first on ties, as torch's argmax. */
    static int[] argmax(float[] values, int rows) {
        int actions = values.length / rows;
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int a = 1; a < actions; a++) {
                if (values[r * actions + a] > values[r * actions + best]) {
                    best = a;
                }
            }
            out[r] = best;
        }
        return out;
    }

    /** Fraction of rows whose largest value is at the given action (BC's accuracy; CQL's preference for the data). */
    static double argmaxRate(float[] values, int[] actions, int n) {
        int[] best = argmax(values, n);
        int hits = 0;
        for (int r = 0; r < n; r++) {
            hits += best[r] == actions[r] ? 1 : 0;
        }
        return hits / (double) n;
    }

    private static final class Net extends NamedBlock {

        private final FrameEncoder encoder;
        private final Linear out;
        private final int actions;

        Net(int hidden, int actions) {
            this.encoder = child("encoder", new FrameEncoder(hidden));
            this.out = child("out", Linear.builder().setUnits(actions).build());
            this.actions = actions;
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
            NDArray features = Activation.relu(encoder.forward(ps, inputs, training).singletonOrThrow());
            return out.forward(ps, new NDList(features), training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), actions)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            encoder.initialize(manager, dataType, inputShapes[0]);
            out.initialize(manager, dataType, encoder.getOutputShapes(inputShapes)[0]);
        }
    }
}
