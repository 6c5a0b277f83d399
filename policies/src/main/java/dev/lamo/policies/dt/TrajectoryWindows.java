package dev.lamo.policies.dt;

import dev.lamo.envs.data.TrajectoryDataset;
import java.util.random.RandomGenerator;

/**
 * Builds Decision Transformer minibatches exactly as LaMo's {@code get_batch} (spec §4.5):
 * <ol>
 *   <li>a trajectory with probability proportional to its length, with replacement;</li>
 *   <li>a start index uniform in [0, T−1] (windows near the end are short);</li>
 *   <li>steps si … si+K−1, cut at the trajectory's end; timesteps clamped to the table size − 1;</li>
 *   <li>returns-to-go: undiscounted suffix sums of rewards that include the current reward, / scale;</li>
 *   <li>left padding to K: states 0 before normalisation (so padded states become −mean/std), actions −10,
 *       returns 0, timesteps 0, mask 0;</li>
 *   <li>states normalised with the dataset's per-dimension mean and std (+1e-6).</li>
 * </ol>
 * Steps 1, 3 and 4 are {@link EpisodeWindows}', shared with the frames lane; the start, the left padding and the
 * state columns are this lane's own.
 */
public final class TrajectoryWindows extends EpisodeWindows<TrajectoryDataset, TrajectoryWindows.Batch> {

    /** A batch as flat arrays, row-major. */
    public record Batch(int size, int context, float[] states, float[] actions, float[] returns, long[] timesteps,
                        float[] mask) implements DtBatch {

        @Override
        public DtInputs inputs(ai.djl.ndarray.NDManager manager) {
            int steps = size * context;
            return DtPolicy.inputs(manager, this, states.length / steps, actions.length / steps);
        }
    }

    private final float[] stateMean;
    private final float[] stateStd;

    /**
     * @param episodes the dataset's episodes to draw from (training episodes, or held-out ones)
     */
    public TrajectoryWindows(TrajectoryDataset data, int[] episodes, int context, int maxEpisodeLength, double returnScale,
                             float[] stateMean, float[] stateStd) {
        super(data, episodes, context, maxEpisodeLength, returnScale, true);
        this.stateMean = stateMean;
        this.stateStd = stateStd;
    }

    @Override
    protected int firstStep(int length, RandomGenerator rng) {
        return rng.nextInt(length);
    }

    @Override
    protected boolean padsLeft() {
        return true;
    }

    @Override
    protected Columns<Batch> columns(int size) {
        return new StateColumns(size);
    }

    /** Normalised states and action vectors; padding is state 0 (normalised) and action −10. */
    private final class StateColumns implements Columns<Batch> {

        private final int size;
        private final int s = data.observationSize();
        private final int a = data.actionSize();
        private final float[] states;
        private final float[] actions;
        private final float[] row = new float[Math.max(s, a)];

        StateColumns(int size) {
            this.size = size;
            this.states = new float[size * context() * s];
            this.actions = new float[size * context() * a];
        }

        @Override
        public void step(int r, int slot) {
            data.observations().copyRow(r, row, 0);
            for (int d = 0; d < s; d++) {
                states[slot * s + d] = (row[d] - stateMean[d]) / stateStd[d];
            }
            data.actions().copyRow(r, row, 0);
            System.arraycopy(row, 0, actions, slot * a, a);
        }

        @Override
        public void pad(int slot) {
            for (int d = 0; d < s; d++) {
                states[slot * s + d] = (0 - stateMean[d]) / stateStd[d];
            }
            for (int d = 0; d < a; d++) {
                actions[slot * a + d] = -10f;
            }
        }

        @Override
        public Batch batch(float[] returns, long[] timesteps, float[] mask) {
            return new Batch(size, context(), states, actions, returns, timesteps, mask);
        }
    }
}
