package dev.lamo.policies;

import dev.lamo.envs.ContinuousEnv;
import dev.lamo.envs.behavior.Behavior;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A trained checkpoint as a data-generating behaviour (D4RL's medium and expert sets are rollouts of SAC
 * checkpoints). The policy is shared by the generator's threads and called one at a time; its output for a
 * given input does not depend on the calling thread, so generated files stay identical for any thread count.
 */
public final class PolicyBehavior implements Behavior, AutoCloseable {

    private final Policy policy;
    private final PolicyLoader.CheckpointRef checkpoint;
    private final boolean stochastic;

    public PolicyBehavior(PolicyLoader.CheckpointRef checkpoint, boolean stochastic) {
        this.checkpoint = checkpoint;
        this.policy = PolicyLoader.load(checkpoint);
        this.stochastic = stochastic;
        if (stochastic && !(policy instanceof StochasticPolicy)) {
            throw new IllegalArgumentException(checkpoint.run().path() + ": a " + policy.info().algorithm()
                    + " policy has no action distribution to sample from");
        }
        if (policy.info().contextLength() != 1) {
            throw new IllegalArgumentException(checkpoint.run().path() + ": data generation needs a Markov policy, "
                    + "this one reads " + policy.info().contextLength() + " steps of context");
        }
    }

    @Override
    public String name() {
        return checkpoint.folder().toString();
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("algorithm", policy.info().algorithm());
        d.put("run", checkpoint.run().path().toString());
        d.put("checkpoint_step", checkpoint.step());
        d.put("actions", stochastic ? "stochastic (sampled)" : "deterministic");
        d.putAll(checkpoint.run().checkpointRecord(checkpoint.step()).measurements());
        return d;
    }

    @Override
    public Controller controller(ContinuousEnv env, RandomGenerator rng) {
        PolicyInfo info = policy.info();
        if (!info.envId().equals(env.spec().id())) {
            throw new IllegalArgumentException(checkpoint.run().path() + " was trained in " + info.envId()
                    + ", not " + env.spec().id());
        }
        PolicyBatch batch = new PolicyBatch(1, 1, info.observationSize(), info.actionSize());
        batch.setSize(1);
        batch.lengths()[0] = 1;
        float[] out = new float[info.actionSize()];
        return observation -> {
            for (int i = 0; i < observation.length; i++) {
                batch.states()[i] = (float) observation[i];
            }
            synchronized (policy) {
                if (stochastic) {
                    ((StochasticPolicy) policy).sample(batch, out, rng);
                } else {
                    policy.act(batch, out);
                }
            }
            double[] a = new double[out.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = out[i];
            }
            return a;
        };
    }

    @Override
    public void close() {
        policy.close();
    }
}
