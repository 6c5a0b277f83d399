package dev.lamo.harness.eval;

import dev.lamo.policies.PolicyBatch;

/**
 * One episode's input to a return-conditioned policy, as LaMo's evaluation builds it: the last K steps of
 * state, action, return-to-go and timestep. The return-to-go starts at the target and is lowered by each
 * reward; the current step's action is a zero placeholder until the policy fills it. Stored as a ring, so a
 * step costs a copy of one row and nothing is allocated.
 */
final class EpisodeContext {

    private final int k;
    private final int s;
    private final int a;
    private final float[] states;
    private final float[] actions;
    private final float[] returns;
    private final int[] timesteps;
    private int steps;

    EpisodeContext(int k, int s, int a) {
        this.k = k;
        this.s = s;
        this.a = a;
        this.states = new float[k * s];
        this.actions = new float[k * a];
        this.returns = new float[k];
        this.timesteps = new int[k];
    }

    /** The episode's first observation, with the return-to-go at its target. */
    void start(float[] obs, int offset, double target) {
        steps = 0;
        append(obs, offset, target, 0);
    }

    /** The next observation after a step that earned {@code reward}. */
    void advance(float[] obs, int offset, double reward) {
        int last = (steps - 1) % k;
        append(obs, offset, returns[last] - reward, timesteps[last] + 1);
    }

    private void append(float[] obs, int offset, double rtg, int t) {
        int i = steps % k;
        System.arraycopy(obs, offset, states, i * s, s);
        java.util.Arrays.fill(actions, i * a, (i + 1) * a, 0f);
        returns[i] = (float) rtg;
        timesteps[i] = t;
        steps++;
    }

    /** Writes the policy's action into the current step's placeholder. */
    void setAction(float[] action, int offset) {
        System.arraycopy(action, offset, actions, ((steps - 1) % k) * a, a);
    }

    /** Copies the window, oldest first and left-padded, into row {@code row} of a batch. */
    void fill(PolicyBatch batch, int row) {
        int n = Math.min(steps, k);
        int pad = k - n;
        batch.lengths()[row] = n;
        for (int p = 0; p < k; p++) {
            int dst = row * k + p;
            if (p < pad) {
                java.util.Arrays.fill(batch.states(), dst * s, (dst + 1) * s, 0f);
                java.util.Arrays.fill(batch.actions(), dst * a, (dst + 1) * a, 0f);
                batch.returnsToGo()[dst] = 0;
                batch.timesteps()[dst] = 0;
                continue;
            }
            int src = (steps - n + (p - pad)) % k;
            System.arraycopy(states, src * s, batch.states(), dst * s, s);
            System.arraycopy(actions, src * a, batch.actions(), dst * a, a);
            batch.returnsToGo()[dst] = returns[src];
            batch.timesteps()[dst] = timesteps[src];
        }
    }
}
