package dev.lamo.policies.dt;

import java.util.random.RandomGenerator;

/** Where Decision Transformer training draws its minibatches of context windows from. */
public interface DtWindows {

    DtBatch sample(int size, RandomGenerator rng);
}
