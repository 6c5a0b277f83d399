package dev.lamo.harness.bench;

import dev.lamo.envs.ContinuousEnv;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.Step;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyInfo;

/**
 * The reference evaluators' pattern (the original DT and LaMo code, d3rlpy, CORL): one episode at a time, a
 * batch-1 forward per step over the growing, then sliding, context. Used by {@code lamo bench harness} as the
 * baseline its speed-up is measured against, in the same process.
 */
public final class SequentialEvaluation {

    /** Environment steps taken and the seconds they took. */
    public record Result(long steps, double seconds) {
        public double stepsPerSecond() {
            return steps / seconds;
        }
    }

    private SequentialEvaluation() {
    }

    public static Result run(Policy policy, String envId, double target, int episodes, long seed) {
        PolicyInfo info = policy.info();
        int k = info.contextLength();
        int s = info.observationSize();
        int a = info.actionSize();
        PolicyBatch batch = new PolicyBatch(1, k, s, a);
        batch.setSize(1);
        float[] out = new float[a];
        long steps = 0;
        long t0 = System.nanoTime();
        try (ContinuousEnv env = EnvRegistry.makeContinuous(envId)) {
            for (int e = 0; e < episodes; e++) {
                double[] obs = env.reset(Seeds.derive(seed, e));
                float[][] states = new float[env.spec().maxEpisodeSteps() + 1][];
                float[][] actions = new float[env.spec().maxEpisodeSteps() + 1][];
                float[] rtg = new float[env.spec().maxEpisodeSteps() + 1];
                double remaining = target;
                for (int t = 0; ; t++) {
                    states[t] = toFloats(obs);
                    actions[t] = new float[a];
                    rtg[t] = (float) remaining;
                    int n = Math.min(t + 1, k);
                    batch.lengths()[0] = n;
                    for (int p = 0; p < k; p++) {
                        int src = t + 1 - k + p;
                        if (src < 0) {
                            java.util.Arrays.fill(batch.states(), p * s, (p + 1) * s, 0f);
                            java.util.Arrays.fill(batch.actions(), p * a, (p + 1) * a, 0f);
                            batch.returnsToGo()[p] = 0;
                            batch.timesteps()[p] = 0;
                        } else {
                            System.arraycopy(states[src], 0, batch.states(), p * s, s);
                            System.arraycopy(actions[src], 0, batch.actions(), p * a, a);
                            batch.returnsToGo()[p] = rtg[src];
                            batch.timesteps()[p] = src;
                        }
                    }
                    policy.act(batch, out);
                    System.arraycopy(out, 0, actions[t], 0, a);
                    double[] action = new double[a];
                    for (int i = 0; i < a; i++) {
                        action[i] = out[i];
                    }
                    Step<double[]> st = env.step(action);
                    steps++;
                    remaining -= st.reward();
                    obs = st.observation();
                    if (st.done()) {
                        break;
                    }
                }
            }
        }
        return new Result(steps, (System.nanoTime() - t0) / 1e9);
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
