package dev.lamo.policies.sac;

import dev.lamo.policies.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.lamo.policies.nn.Mlp;
import dev.lamo.policies.nn.NamedBlock;

/**
 * SAC's actor: an MLP from the state to the mean and log standard deviation of a Gaussian, whose samples are
 * squashed by tanh into [−1, 1]. The log std is bounded smoothly to [−5, 2] (CleanRL's parametrisation).
 * Output: (mean, logStd), each (B, A).
 */
public final class TanhGaussianActor extends NamedBlock {

    static final double LOG_STD_MIN = -5;
    static final double LOG_STD_MAX = 2;

    private final Mlp net;
    private final int actions;

    public TanhGaussianActor(int[] hidden, int actions) {
        this.net = child("net", new Mlp(hidden, 2 * actions));
        this.actions = actions;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray out = net.forward(ps, inputs, training).singletonOrThrow();
        NDArray mean = out.get(new NDIndex(":, :{}", actions));
        NDArray raw = out.get(new NDIndex(":, {}:", actions)).tanh();
        NDArray logStd = raw.add(1).mul(Scalars.constant(0.5 * (LOG_STD_MAX - LOG_STD_MIN))).add((float) LOG_STD_MIN);
        return new NDList(mean, logStd);
    }

    /** Deterministic action: tanh of the mean. */
    public static NDArray deterministic(NDList meanLogStd) {
        return meanLogStd.get(0).tanh();
    }

    /**
     * A reparameterised sample given standard normal noise, and its log-probability under the squashed
     * Gaussian (with the tanh change-of-variables term and CleanRL's 1e-6 guard), summed over action dims.
     */
    public static NDList sample(NDList meanLogStd, NDArray noise) {
        NDArray mean = meanLogStd.get(0);
        NDArray logStd = meanLogStd.get(1);
        NDArray std = logStd.exp();
        NDArray x = mean.add(std.mul(noise));
        NDArray y = x.tanh();
        NDArray gaussianLogProb = noise.square().mul(-0.5f).sub(logStd).sub((float) (0.5 * Math.log(2 * Math.PI)));
        NDArray logProb = gaussianLogProb.sub(y.square().neg().add(1).add(1e-6f).log()).sum(new int[] {1}, true);
        return new NDList(y, logProb);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = new Shape(inputShapes[0].get(0), actions);
        return new Shape[] {s, s};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        net.initialize(manager, dataType, inputShapes);
    }
}
