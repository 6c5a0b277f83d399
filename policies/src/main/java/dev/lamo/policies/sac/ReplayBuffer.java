package dev.lamo.policies.sac;

import dev.lamo.envs.data.D4rlReader;
import dev.lamo.envs.data.DatasetMetadata;
import dev.lamo.envs.data.DatasetWriter;
import dev.lamo.envs.data.FloatMatrix;
import dev.lamo.envs.data.TrajectoryDataset;
import java.nio.file.Path;
import java.util.random.RandomGenerator;

/**
 * SAC's replay buffer: transitions in the order they were collected (row t = environment step t until the
 * buffer is full, then the oldest rows are overwritten). Saved with the run in our dataset layout, where
 * rows after the last end flag form the unfinished episode; {@code lamo data from-replay} reads it as D4RL's
 * medium-replay recipe does.
 */
final class ReplayBuffer {

    private final int capacity;
    private final int obsDim;
    private final int actDim;
    private final float[] obs;
    private final float[] next;
    private final float[] actions;
    private final float[] rewards;
    private final byte[] terminated;
    private final byte[] truncated;
    private int size;
    private long added;

    ReplayBuffer(int capacity, int obsDim, int actDim) {
        this.capacity = capacity;
        this.obsDim = obsDim;
        this.actDim = actDim;
        this.obs = new float[capacity * obsDim];
        this.next = new float[capacity * obsDim];
        this.actions = new float[capacity * actDim];
        this.rewards = new float[capacity];
        this.terminated = new byte[capacity];
        this.truncated = new byte[capacity];
    }

    void add(double[] o, double[] a, double reward, double[] nextObs, boolean term, boolean trunc) {
        int i = (int) (added % capacity);
        for (int k = 0; k < obsDim; k++) {
            obs[i * obsDim + k] = (float) o[k];
            next[i * obsDim + k] = (float) nextObs[k];
        }
        for (int k = 0; k < actDim; k++) {
            actions[i * actDim + k] = (float) a[k];
        }
        rewards[i] = (float) reward;
        terminated[i] = (byte) (term ? 1 : 0);
        truncated[i] = (byte) (trunc ? 1 : 0);
        added++;
        size = (int) Math.min(added, capacity);
    }

    int size() {
        return size;
    }

    /** A minibatch drawn uniformly with replacement: obs, actions, rewards, next obs, terminated (as 0/1). */
    record Batch(float[] obs, float[] actions, float[] rewards, float[] next, float[] terminated) {
    }

    Batch sample(int n, RandomGenerator rng) {
        float[] o = new float[n * obsDim];
        float[] a = new float[n * actDim];
        float[] r = new float[n];
        float[] nx = new float[n * obsDim];
        float[] d = new float[n];
        for (int b = 0; b < n; b++) {
            int i = rng.nextInt(size);
            System.arraycopy(obs, i * obsDim, o, b * obsDim, obsDim);
            System.arraycopy(next, i * obsDim, nx, b * obsDim, obsDim);
            System.arraycopy(actions, i * actDim, a, b * actDim, actDim);
            r[b] = rewards[i];
            d[b] = terminated[i];
        }
        return new Batch(o, a, r, nx, d);
    }

    /** Saves the rows in collection order (only valid before the buffer wraps, which the trainer ensures). */
    void save(Path file, DatasetMetadata metadata) {
        if (added > capacity) {
            throw new IllegalStateException("the replay buffer wrapped; it is saved only while it holds every step");
        }
        DatasetWriter.writeColumns(file, FloatMatrix.of(prefix(obs, size * obsDim), obsDim),
                FloatMatrix.of(prefix(next, size * obsDim), obsDim), FloatMatrix.of(prefix(actions, size * actDim), actDim),
                prefix(rewards, size), prefix(terminated, size), prefix(truncated, size), null, metadata);
    }

    /**
     * Reloads a saved buffer of {@code rows} rows (a resumed run rewinds to its checkpoint). When the checkpoint
     * was taken in the middle of an episode, the reader marks that episode's last saved row as truncated;
     * {@code episodeInProgress} says so, and the mark is removed.
     */
    void load(Path file, long rows, boolean episodeInProgress) {
        TrajectoryDataset d = D4rlReader.read(file, new D4rlReader.Options(0, true));
        if (d.size() != rows) {
            throw new IllegalArgumentException(file + ": replay buffer holds " + d.size() + " steps, the checkpoint expects " + rows);
        }
        for (int i = 0; i < rows; i++) {
            d.observations().copyRow(i, obs, i * obsDim);
            d.nextObservations().copyRow(i, next, i * obsDim);
            d.actions().copyRow(i, actions, i * actDim);
            rewards[i] = d.reward(i);
            terminated[i] = (byte) (d.terminated(i) ? 1 : 0);
            truncated[i] = (byte) (d.truncated(i) ? 1 : 0);
        }
        if (episodeInProgress && rows > 0) {
            truncated[(int) rows - 1] = 0;
        }
        added = rows;
        size = (int) rows;
    }

    private static float[] prefix(float[] a, int n) {
        float[] out = new float[n];
        System.arraycopy(a, 0, out, 0, n);
        return out;
    }

    private static byte[] prefix(byte[] a, int n) {
        byte[] out = new byte[n];
        System.arraycopy(a, 0, out, 0, n);
        return out;
    }
}
