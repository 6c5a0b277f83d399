package dev.lamo.policies.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scalar operands for autograd graphs. DJL's {@code x.mul(2f)} (and div, pow, maximum, minimum with a number)
 * wraps the number in a tensor that points into a Java direct buffer and closes it as soon as the operation
 * returns; the autograd node that multiplies the gradient by that scalar during backward still holds the
 * tensor, whose memory the garbage collector may by then have freed and reused. Backward passes then read
 * garbage: runs stopped being reproducible and now and then produced NaN gradients. Graph code must therefore
 * take scalars from here: fixed values as process-wide constants, changing ones (a temperature) as tensors
 * owned by the step's manager, which outlives the backward pass.
 */
public final class Scalars {

    private static final ConcurrentHashMap<Float, NDArray> CONSTANTS = new ConcurrentHashMap<>();
    private static volatile NDManager holder;

    private Scalars() {
    }

    /** A 0-d tensor holding a fixed value, kept for the life of the process (cache: one per distinct value). */
    public static NDArray constant(double value) {
        return CONSTANTS.computeIfAbsent((float) value, v -> {
            NDArray a = holder().create(v);
            NDScope.unregister(a);
            return a;
        });
    }

    /** A 0-d tensor for a value that changes between steps, owned by {@code manager} (close it with the step). */
    public static NDArray of(NDManager manager, double value) {
        return manager.create((float) value);
    }

    private static NDManager holder() {
        if (holder == null) {
            synchronized (Scalars.class) {
                if (holder == null) {
                    holder = NDManager.newBaseManager();
                }
            }
        }
        return holder;
    }
}
