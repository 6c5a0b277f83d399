package dev.lamo.policies.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A multilayer perceptron: linear layers {@code fc0 .. fc(n-1)} with ReLU between them and a linear output
 * layer {@code out}. Input (B, in), output (B, outputs).
 */
public final class Mlp extends NamedBlock {

    private final List<Linear> hidden = new ArrayList<>();
    private final Linear out;
    private final int outputs;

    public Mlp(int[] hiddenSizes, int outputs) {
        for (int i = 0; i < hiddenSizes.length; i++) {
            hidden.add(child("fc" + i, Linear.builder().setUnits(hiddenSizes[i]).build()));
        }
        this.out = child("out", Linear.builder().setUnits(outputs).build());
        this.outputs = outputs;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        for (Linear layer : hidden) {
            x = Activation.relu(layer.forward(ps, new NDList(x), training).singletonOrThrow());
        }
        return out.forward(ps, new NDList(x), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outputs)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        for (Linear layer : hidden) {
            layer.initialize(manager, dataType, shape);
            shape = layer.getOutputShapes(new Shape[] {shape})[0];
        }
        out.initialize(manager, dataType, shape);
    }
}
