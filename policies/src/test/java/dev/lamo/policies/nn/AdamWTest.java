package dev.lamo.policies.nn;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.lamo.policies.djl.DjlRuntime;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdamWTest {

    /** PyTorch's AdamW in double precision, for one scalar. */
    private static double[] reference(double p, double[] grads, double lr, double eps, double wd) {
        double m = 0;
        double v = 0;
        double[] trace = new double[grads.length];
        for (int t = 1; t <= grads.length; t++) {
            double g = grads[t - 1];
            p *= 1 - lr * wd;
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            double denom = Math.sqrt(v) / Math.sqrt(1 - Math.pow(0.999, t)) + eps;
            p -= lr / (1 - Math.pow(0.9, t)) * m / denom;
            trace[t - 1] = p;
        }
        return trace;
    }

    @Test
    void matchesPyTorchAdamWAndZeroesGradients(@TempDir Path dir) throws Exception {
        DjlRuntime.configure();
        try (NDManager manager = NDManager.newBaseManager()) {
            Mlp net = new Mlp(new int[0], 1);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            NamedParameters params = NamedParameters.of(net);
            params.set("out_weight", new float[] {0.5f});
            params.set("out_bias", new float[] {-0.25f});
            params.requireGradients(true);
            AdamW adam = new AdamW(params, new AdamW.Settings(0.9, 0.999, 1e-6, 1e-5), manager);
            ParameterStore ps = new ParameterStore(manager, false);
            double[] xs = {1.0, -2.0, 0.5, 3.0, -1.0};
            double[] gradW = new double[xs.length];
            double[] gradB = new double[xs.length];
            double w = 0.5;
            double b = -0.25;
            double[] ws = new double[xs.length];
            for (int t = 0; t < xs.length; t++) {
                // loss = y = w x + b: dL/dw = x, dL/db = 1
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = net.forward(ps, new NDList(manager.create(new float[] {(float) xs[t]}, new Shape(1, 1))), true)
                            .singletonOrThrow();
                    gc.backward(y.sum());
                }
                gradW[t] = xs[t];
                gradB[t] = 1;
                adam.step(1e-2);
                ws[t] = params.array("out_weight").getFloat();
                assertEquals(0f, params.array("out_weight").getGradient().getFloat(), "gradients are zeroed");
            }
            double[] refW = reference(w, gradW, 1e-2, 1e-6, 1e-5);
            double[] refB = reference(b, gradB, 1e-2, 1e-6, 1e-5);
            for (int t = 0; t < xs.length; t++) {
                assertEquals(refW[t], ws[t], 1e-6, "weight after step " + (t + 1));
            }
            assertEquals(refB[xs.length - 1], params.array("out_bias").getFloat(), 1e-6);
            // the moments survive a save and load
            adam.save(dir.resolve("opt.safetensors"));
            AdamW other = new AdamW(params, new AdamW.Settings(0.9, 0.999, 1e-6, 1e-5), manager);
            other.load(dir.resolve("opt.safetensors"));
            assertEquals(5, other.steps());
        }
    }

    @Test
    void momentsOfADeadParameterNeverBecomeSubnormal() {
        DjlRuntime.configure();
        try (NDManager manager = NDManager.newBaseManager()) {
            Mlp net = new Mlp(new int[0], 1);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            NamedParameters params = NamedParameters.of(net);
            params.requireGradients(true);
            // β2 = 0.9 so that v decays through the subnormal range within a few hundred steps
            AdamW adam = new AdamW(params, new AdamW.Settings(0.9, 0.9, 1e-8, 0), manager);
            ParameterStore ps = new ParameterStore(manager, false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(net.forward(ps, new NDList(manager.create(new float[] {1e-3f}, new Shape(1, 1))), true)
                        .singletonOrThrow().sum());
            }
            float before = params.array("out_weight").getFloat();
            boolean flushed = false;
            for (int t = 1; t <= 1500; t++) {
                adam.step(1e-3); // from the second step on the gradient is zero: a dead unit
                for (NDArray moment : adam.moments("out_weight")) {
                    float x = Math.abs(moment.getFloat());
                    assertTrue(x == 0 || x >= Float.MIN_NORMAL, "step " + t + ": subnormal moment " + x);
                }
                flushed |= adam.moments("out_weight")[1].getFloat() == AdamW.MOMENT_FLOOR;
            }
            assertTrue(flushed, "v reached the floor");
            assertEquals(0f, adam.moments("out_weight")[0].getFloat(), "m decayed to zero");
            assertNotEquals(before, params.array("out_weight").getFloat());
        }
    }

    @Test
    void globalNormClippingScalesEveryGradient() {
        DjlRuntime.configure();
        try (NDManager manager = NDManager.newBaseManager()) {
            Mlp net = new Mlp(new int[0], 2);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            NamedParameters params = NamedParameters.of(net);
            params.set("out_weight", new float[] {1, 0, 0, 1});
            params.set("out_bias", new float[] {0, 0});
            params.requireGradients(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = net.forward(new ParameterStore(manager, false),
                        new NDList(manager.create(new float[] {3, 4}, new Shape(1, 2))), true).singletonOrThrow();
                gc.backward(y.sum());
            }
            // gradients: weight [[3,4],[3,4]], bias [1,1]: norm sqrt(9+16+9+16+1+1) = sqrt(52)
            assertEquals(Math.sqrt(52), params.gradientNorm(), 1e-5);
            double before = params.clipGradientNorm(0.25);
            assertEquals(Math.sqrt(52), before, 1e-5);
            assertEquals(0.25, params.gradientNorm(), 1e-5);
            float[] g = params.array("out_weight").getGradient().toFloatArray();
            assertEquals(3 * 0.25 / Math.sqrt(52), g[0], 1e-5);
        }
    }
}
