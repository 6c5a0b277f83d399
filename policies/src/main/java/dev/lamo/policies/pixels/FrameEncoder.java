package dev.lamo.policies.pixels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.lamo.policies.nn.NamedBlock;
import dev.lamo.policies.nn.Scalars;

/**
 * The Atari state encoder of LaMo's and the original DT's Atari code (spec §7): stacked 84 × 84 grey frames,
 * scaled from [0, 255] to [0, 1], through Conv(4→32, kernel 8, stride 4) ReLU → Conv(32→64, 4, 2) ReLU →
 * Conv(64→64, 3, 1) ReLU, flattened (64 · 7 · 7 = 3136) and projected linearly to the transformer's width.
 * Input (B, frames, 84, 84) as uint8 or float (already scaled floats are not rescaled: pass uint8 frames);
 * output (B, hidden).
 */
public final class FrameEncoder extends NamedBlock {

    public static final int FRAME_SIZE = 84;
    private static final int FLAT = 64 * 7 * 7;

    private final Conv2d conv1;
    private final Conv2d conv2;
    private final Conv2d conv3;
    private final Linear projection;
    private final int hidden;

    public FrameEncoder(int hidden) {
        this.hidden = hidden;
        this.conv1 = child("conv1", conv(32, 8, 4));
        this.conv2 = child("conv2", conv(64, 4, 2));
        this.conv3 = child("conv3", conv(64, 3, 1));
        this.projection = child("proj", Linear.builder().setUnits(hidden).build());
    }

    private static Conv2d conv(int filters, int kernel, int stride) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                .build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray frames = inputs.singletonOrThrow();
        NDArray x = frames.getDataType() == DataType.UINT8
                ? frames.toType(DataType.FLOAT32, false).mul(Scalars.constant(1.0 / 255)) : frames;
        x = relu(conv1, ps, x, training);
        x = relu(conv2, ps, x, training);
        x = relu(conv3, ps, x, training);
        x = x.reshape(x.getShape().get(0), FLAT);
        return projection.forward(ps, new NDList(x), training);
    }

    private static NDArray relu(Block conv, ParameterStore ps, NDArray x, boolean training) {
        return Activation.relu(conv.forward(ps, new NDList(x), training).singletonOrThrow());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), hidden)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long batch = in.get(0);
        conv1.initialize(manager, dataType, in);
        Shape s1 = conv1.getOutputShapes(new Shape[] {in})[0];
        conv2.initialize(manager, dataType, s1);
        Shape s2 = conv2.getOutputShapes(new Shape[] {s1})[0];
        conv3.initialize(manager, dataType, s2);
        projection.initialize(manager, dataType, new Shape(batch, FLAT));
    }
}
