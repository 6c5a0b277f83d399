package dev.lamo.policies.offline;

import dev.lamo.envs.data.TrajectoryDataset;

/**
 * The (state, action, reward, next state, done) rows of a trajectory dataset, as value-based offline methods
 * sample them, with states normalised, actions mapped to [−1, 1] and rewards scaled once up front. As D4RL's {@code qlearning_dataset}:
 * the last step of a terminated episode is kept with done = 1 (its next state is masked out of the target);
 * the last step of an episode cut by a time limit is kept with done = 0 when the file recorded its next
 * observation, and dropped otherwise, since nothing can be bootstrapped from it.
 */
public final class Transitions extends UniformTransitions<Transitions.Batch> {

    /** A minibatch in row-major float arrays. */
    public record Batch(int size, float[] states, float[] actions, float[] rewards, float[] nextStates, float[] dones) {
    }

    private final int stateDim;
    private final int actionDim;
    private final float[] states;
    private final float[] actions;
    private final float[] rewards;
    private final float[] nextStates;
    private final float[] dones;

    private Transitions(int size, int stateDim, int actionDim, float[] states, float[] actions, float[] rewards,
                        float[] nextStates, float[] dones) {
        super(size);
        this.stateDim = stateDim;
        this.actionDim = actionDim;
        this.states = states;
        this.actions = actions;
        this.rewards = rewards;
        this.nextStates = nextStates;
        this.dones = dones;
    }

    /**
     * @param mean        per-dimension state mean subtracted
     * @param std         per-dimension state std divided by
     * @param rewardScale factor applied to every reward
     * @param low         action lower bounds, mapped to −1
     * @param high        action upper bounds, mapped to +1 (actions outside the bounds are clipped)
     */
    public static Transitions of(TrajectoryDataset data, float[] mean, float[] std, double rewardScale, double[] low,
                                 double[] high) {
        int d = data.observationSize();
        int a = data.actionSize();
        int n = data.size();
        float[] s = new float[n * d];
        float[] act = new float[n * a];
        float[] r = new float[n];
        float[] next = new float[n * d];
        float[] done = new float[n];
        int rows = 0;
        float[] row = new float[a];
        for (int i = 0; i < n; i++) {
            float[] following = data.nextObservation(i);
            boolean terminal = data.terminated(i);
            if (following == null && !terminal) {
                continue; // cut by a time limit without a recorded next observation
            }
            float[] obs = data.observations().row(i);
            normalise(obs, mean, std, s, rows * d);
            normalise(following == null ? obs : following, mean, std, next, rows * d);
            data.actions().copyRow(i, row, 0);
            for (int c = 0; c < a; c++) {
                double unit = 2 * (row[c] - low[c]) / (high[c] - low[c]) - 1;
                act[rows * a + c] = (float) Math.max(-1, Math.min(1, unit));
            }
            r[rows] = (float) (data.reward(i) * rewardScale);
            done[rows] = terminal ? 1f : 0f;
            rows++;
        }
        if (rows == 0) {
            throw new IllegalArgumentException(data.metadata().datasetId() + ": no usable transitions");
        }
        return new Transitions(rows, d, a, s, act, r, next, done);
    }

    private static void normalise(float[] obs, float[] mean, float[] std, float[] into, int offset) {
        for (int c = 0; c < obs.length; c++) {
            into[offset + c] = (obs[c] - mean[c]) / std[c];
        }
    }

    public int stateDim() {
        return stateDim;
    }

    public int actionDim() {
        return actionDim;
    }

    @Override
    protected Batch batch(int n) {
        return new Batch(n, new float[n * stateDim], new float[n * actionDim], new float[n], new float[n * stateDim],
                new float[n]);
    }

    @Override
    protected void copy(int i, Batch b, int k) {
        System.arraycopy(states, i * stateDim, b.states(), k * stateDim, stateDim);
        System.arraycopy(actions, i * actionDim, b.actions(), k * actionDim, actionDim);
        b.rewards()[k] = rewards[i];
        System.arraycopy(nextStates, i * stateDim, b.nextStates(), k * stateDim, stateDim);
        b.dones()[k] = dones[i];
    }
}
