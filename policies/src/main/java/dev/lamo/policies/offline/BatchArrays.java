package dev.lamo.policies.offline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;

/** A minibatch as engine arrays: states (B, S), actions (B, A), rewards and not-done masks (B, 1). */
record BatchArrays(NDArray states, NDArray actions, NDArray rewards, NDArray nextStates, NDArray notDone) {

    static BatchArrays of(NDManager manager, Transitions.Batch b) {
        int n = b.size();
        int s = b.states().length / n;
        int a = b.actions().length / n;
        float[] notDone = new float[n];
        for (int i = 0; i < n; i++) {
            notDone[i] = 1f - b.dones()[i];
        }
        return new BatchArrays(manager.create(b.states(), new Shape(n, s)), manager.create(b.actions(), new Shape(n, a)),
                manager.create(b.rewards(), new Shape(n, 1)), manager.create(b.nextStates(), new Shape(n, s)),
                manager.create(notDone, new Shape(n, 1)));
    }

    /** Standard normal noise of the given shape, from the trainer's checkpointable generator. */
    static NDArray gaussian(NDManager manager, RandomGenerator rng, Shape shape) {
        float[] z = new float[(int) shape.size()];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) rng.nextGaussian();
        }
        return manager.create(z, shape);
    }

    /** Uniform noise in [lo, hi). */
    static NDArray uniform(NDManager manager, RandomGenerator rng, Shape shape, double lo, double hi) {
        float[] u = new float[(int) shape.size()];
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        }
        return manager.create(u, shape);
    }
}
