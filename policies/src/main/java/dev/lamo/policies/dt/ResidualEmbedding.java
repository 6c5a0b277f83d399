package dev.lamo.policies.dt;

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

/**
 * LaMo's non-linear embedding ({@code ResidualBlock}): h = W0·x + b0; out = W1·GELU(h) + b1 + h, a skip
 * connection from the first layer's output (the paper's formula omits it; the code has it). GELU is the
 * exact (erf) form, as PyTorch's {@code nn.GELU()}.
 */
public final class ResidualEmbedding extends NamedBlock {

    private final Linear first;
    private final Linear second;
    private final int hidden;

    public ResidualEmbedding(int hidden) {
        this.hidden = hidden;
        this.first = child("fc0", Linear.builder().setUnits(hidden).build());
        this.second = child("fc1", Linear.builder().setUnits(hidden).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = first.forward(ps, inputs, training).singletonOrThrow();
        NDArray out = second.forward(ps, new NDList(Activation.gelu(h)), training).singletonOrThrow();
        return new NDList(out.add(h));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {s.slice(0, s.dimension() - 1).add(hidden)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        first.initialize(manager, dataType, inputShapes[0]);
        Shape s = inputShapes[0];
        second.initialize(manager, dataType, s.slice(0, s.dimension() - 1).add(hidden));
    }
}
