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
 * The action prediction head: Linear(H→A) followed by tanh (the DT and LaMo-on-hopper variant), or LaMo's
 * MLP head Linear(H→H) → GELU → Linear(H→A) without tanh, so its outputs are not bounded by the model. For
 * discrete actions the outputs are logits: Linear(H→n), tanh only where the original Atari code's quirk is
 * asked for.
 */
public final class ActionHead extends NamedBlock {

    private final boolean mlp;
    private final boolean tanh;
    private final Linear hiddenLayer;
    private final Linear out;
    private final int actions;
    private final int hidden;

    public ActionHead(int hidden, int actions, boolean mlp) {
        this(hidden, actions, mlp, !mlp);
    }

    /**
     * @param mlp  the MLP head (never bounded)
     * @param tanh bound the linear head's outputs with tanh
     */
    public ActionHead(int hidden, int actions, boolean mlp, boolean tanh) {
        this.mlp = mlp;
        this.tanh = tanh && !mlp;
        this.actions = actions;
        this.hidden = hidden;
        this.hiddenLayer = mlp ? child("fc0", Linear.builder().setUnits(hidden).build()) : null;
        this.out = child(mlp ? "fc1" : "fc", Linear.builder().setUnits(actions).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (!mlp) {
            NDArray y = out.forward(ps, inputs, training).singletonOrThrow();
            return new NDList(tanh ? y.tanh() : y);
        }
        NDArray h = Activation.gelu(hiddenLayer.forward(ps, inputs, training).singletonOrThrow());
        return out.forward(ps, new NDList(h), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {s.slice(0, s.dimension() - 1).add(actions)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (mlp) {
            hiddenLayer.initialize(manager, dataType, inputShapes[0]);
            Shape s = inputShapes[0];
            out.initialize(manager, dataType, s.slice(0, s.dimension() - 1).add(hidden));
        } else {
            out.initialize(manager, dataType, inputShapes[0]);
        }
    }
}
