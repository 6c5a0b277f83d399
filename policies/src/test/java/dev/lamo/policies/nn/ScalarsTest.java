package dev.lamo.policies.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.lamo.policies.djl.DjlRuntime;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The scalar operands of a graph survive a garbage collection between forward and backward, where DJL's own
 * {@code mul(Number)} tensors do not (their direct buffers are freed and reused; see {@link Scalars}).
 */
class ScalarsTest {

    /** d/dx of Σ x·c, with the collector and a churn of direct buffers run between forward and backward. */
    private static float gradientAfterGc(BiFunction<NDManager, NDArray, NDArray> times3) {
        DjlRuntime.configure();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4});
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = times3.apply(m, x).sum();
                for (int round = 0; round < 5; round++) {
                    System.gc();
                    List<ByteBuffer> churn = new ArrayList<>();
                    for (int i = 0; i < 2000; i++) {
                        ByteBuffer b = ByteBuffer.allocateDirect(4);
                        b.putFloat(0, Float.NaN);
                        churn.add(b);
                    }
                    churn.clear();
                }
                gc.backward(y);
            }
            return x.getGradient().getFloat(0);
        }
    }

    @Test
    void constantsSurviveUntilBackward() {
        for (int i = 0; i < 20; i++) {
            assertEquals(3f, gradientAfterGc((m, x) -> x.mul(Scalars.constant(3))), "repeat " + i);
            assertEquals(3f, gradientAfterGc((m, x) -> x.mul(Scalars.of(m, 3))), "repeat " + i);
        }
    }
}
