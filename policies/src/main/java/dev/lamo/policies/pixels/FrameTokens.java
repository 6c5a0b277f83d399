package dev.lamo.policies.pixels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.lamo.policies.dt.ResidualEmbedding;
import dev.lamo.policies.nn.NamedBlock;

/**
 * The state tokens of the Atari Decision Transformer: every step's stacked frames through the CNN encoder,
 * followed by LaMo's residual block when MLP embeddings are on (spec §7). Input (B, K, F, 84, 84) uint8,
 * output (B, K, H).
 */
public final class FrameTokens extends NamedBlock {

    private final FrameEncoder encoder;
    private final ResidualEmbedding residual;
    private final int hidden;

    public FrameTokens(int hidden, boolean mlp) {
        this.hidden = hidden;
        this.encoder = child("encoder", new FrameEncoder(hidden));
        this.residual = mlp ? child("residual", new ResidualEmbedding(hidden)) : null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray frames = inputs.singletonOrThrow();
        Shape s = frames.getShape();
        long b = s.get(0);
        long k = s.get(1);
        NDArray flat = frames.reshape(new Shape(b * k).addAll(s.slice(2)));
        NDArray h = encoder.forward(ps, new NDList(flat), training).singletonOrThrow();
        if (residual != null) {
            h = residual.forward(ps, new NDList(h), training).singletonOrThrow();
        }
        return new NDList(h.reshape(b, k, hidden));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1), hidden)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        encoder.initialize(manager, dataType, new Shape(s.get(0) * s.get(1)).addAll(s.slice(2)));
        if (residual != null) {
            residual.initialize(manager, dataType, new Shape(1, hidden));
        }
    }
}
