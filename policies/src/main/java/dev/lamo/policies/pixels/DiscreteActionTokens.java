package dev.lamo.policies.pixels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.lamo.policies.nn.NamedBlock;

/**
 * The action tokens of the Atari Decision Transformer: an embedding table over the discrete actions
 * ({@code nn.Embedding(n, H)}); with MLP embeddings, LaMo's residual block whose first layer is that table:
 * h = E[a]; out = W·GELU(h) + b + h (spec §7). Input (B, K) int64 action indices, output (B, K, H).
 */
public final class DiscreteActionTokens extends NamedBlock {

    private final Parameter table;
    private final Linear second;
    private final int hidden;

    public DiscreteActionTokens(int actions, int hidden, boolean mlp) {
        this.hidden = hidden;
        this.table = addParameter(Parameter.builder().setName("table").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(actions, hidden)).build());
        this.second = mlp ? child("fc1", Linear.builder().setUnits(hidden).build()) : null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();
        NDArray h = Embedding.embedding(ids, ps.getValue(table, ids.getDevice(), training), SparseFormat.DENSE)
                .singletonOrThrow();
        if (second == null) {
            return new NDList(h);
        }
        return new NDList(second.forward(ps, new NDList(Activation.gelu(h)), training).singletonOrThrow().add(h));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(hidden)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (second != null) {
            second.initialize(manager, dataType, new Shape(1, hidden));
        }
    }
}
