package dev.lamo.envs.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Complete episodes of an offline dataset, stored column-wise in primitive arrays with episode offsets:
 * 2M transitions are a handful of arrays, not millions of objects.
 *
 * <p>Row {@code t} holds the observation before step t, the action taken, the reward received and the
 * flags of the step. {@code terminated[t]} or {@code truncated[t]} is set exactly on the last row of each
 * episode (never both), so every episode is complete.
 */
public final class TrajectoryDataset {

    private final DatasetMetadata metadata;
    private final FloatMatrix observations;
    private final FloatMatrix nextObservations;
    private final FloatMatrix actions;
    private final float[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final long[] episodeStarts;
    private final Map<String, DoubleMatrix> infos;

    /**
     * @param nextObservations observation after each step, or null when the source did not record it
     * @param episodeStarts    first row of each episode, then the total row count (length episodes + 1)
     * @param infos            per-row extras such as {@code qpos} and {@code qvel}
     */
    public TrajectoryDataset(DatasetMetadata metadata, FloatMatrix observations, FloatMatrix nextObservations,
                             FloatMatrix actions, float[] rewards, boolean[] terminated, boolean[] truncated,
                             long[] episodeStarts, Map<String, DoubleMatrix> infos) {
        long n = observations.rows();
        requireRows("actions", actions.rows(), n);
        requireRows("rewards", rewards.length, n);
        requireRows("terminated flags", terminated.length, n);
        requireRows("truncated flags", truncated.length, n);
        if (nextObservations != null) {
            requireRows("next_observations", nextObservations.rows(), n);
        }
        infos = infos == null ? Map.of() : infos;
        for (Map.Entry<String, DoubleMatrix> e : infos.entrySet()) {
            requireRows("infos/" + e.getKey(), e.getValue().rows(), n);
        }
        if (episodeStarts.length < 2 || episodeStarts[0] != 0 || episodeStarts[episodeStarts.length - 1] != n) {
            throw new IllegalArgumentException("episode offsets must start at 0 and end at the row count " + n);
        }
        for (int e = 0; e + 1 < episodeStarts.length; e++) {
            long start = episodeStarts[e];
            long end = episodeStarts[e + 1];
            if (end <= start) {
                throw new IllegalArgumentException("episode " + e + " is empty");
            }
            for (long r = start; r < end - 1; r++) {
                if (terminated[(int) r] || truncated[(int) r]) {
                    throw new IllegalArgumentException("episode " + e + " has an end flag at row " + r + " before its last row");
                }
            }
            int last = (int) (end - 1);
            if (terminated[last] == truncated[last]) {
                throw new IllegalArgumentException("episode " + e + " must end with exactly one of terminated or truncated");
            }
        }
        this.metadata = metadata;
        this.observations = observations;
        this.nextObservations = nextObservations;
        this.actions = actions;
        this.rewards = rewards;
        this.terminated = terminated;
        this.truncated = truncated;
        this.episodeStarts = episodeStarts;
        this.infos = Collections.unmodifiableMap(new LinkedHashMap<>(infos));
    }

    private static void requireRows(String what, long rows, long expected) {
        if (rows != expected) {
            throw new IllegalArgumentException(what + " has " + rows + " rows but observations have " + expected);
        }
    }

    public DatasetMetadata metadata() {
        return metadata;
    }

    public TrajectoryDataset withMetadata(DatasetMetadata m) {
        return new TrajectoryDataset(m, observations, nextObservations, actions, rewards, terminated, truncated,
                episodeStarts, infos);
    }

    /** Number of transitions. */
    public int size() {
        return rewards.length;
    }

    public int episodes() {
        return episodeStarts.length - 1;
    }

    public int observationSize() {
        return observations.cols();
    }

    public int actionSize() {
        return actions.cols();
    }

    public FloatMatrix observations() {
        return observations;
    }

    /** Observations after each step, or null when the source did not record them. */
    public FloatMatrix nextObservations() {
        return nextObservations;
    }

    public FloatMatrix actions() {
        return actions;
    }

    public float reward(int row) {
        return rewards[row];
    }

    public float[] rewards() {
        return rewards.clone();
    }

    public boolean terminated(int row) {
        return terminated[row];
    }

    public boolean truncated(int row) {
        return truncated[row];
    }

    public Map<String, DoubleMatrix> infos() {
        return infos;
    }

    /** The observation after step {@code row}: recorded, or the next row's within the episode; null otherwise. */
    public float[] nextObservation(int row) {
        if (nextObservations != null) {
            return nextObservations.row(row);
        }
        return terminated[row] || truncated[row] ? null : observations.row(row + 1);
    }

    public int episodeStart(int episode) {
        return (int) episodeStarts[episode];
    }

    public int episodeLength(int episode) {
        return (int) (episodeStarts[episode + 1] - episodeStarts[episode]);
    }

    public boolean episodeTerminated(int episode) {
        return terminated[(int) episodeStarts[episode + 1] - 1];
    }

    /** Undiscounted return of an episode, summed in double precision. */
    public double episodeReturn(int episode) {
        double sum = 0;
        for (long r = episodeStarts[episode]; r < episodeStarts[episode + 1]; r++) {
            sum += rewards[(int) r];
        }
        return sum;
    }

    public double[] episodeReturns() {
        double[] out = new double[episodes()];
        for (int e = 0; e < out.length; e++) {
            out[e] = episodeReturn(e);
        }
        return out;
    }

    public int[] episodeLengths() {
        int[] out = new int[episodes()];
        for (int e = 0; e < out.length; e++) {
            out[e] = episodeLength(e);
        }
        return out;
    }

    /** A dataset of the given episodes, in the given order, with the same metadata. */
    public TrajectoryDataset selectEpisodes(int[] episodeIndices) {
        long[] starts = new long[episodeIndices.length];
        long[] ends = new long[episodeIndices.length];
        long[] newStarts = new long[episodeIndices.length + 1];
        for (int i = 0; i < episodeIndices.length; i++) {
            starts[i] = episodeStarts[episodeIndices[i]];
            ends[i] = episodeStarts[episodeIndices[i] + 1];
            newStarts[i + 1] = newStarts[i] + (ends[i] - starts[i]);
        }
        int n = (int) newStarts[episodeIndices.length];
        float[] r = new float[n];
        boolean[] term = new boolean[n];
        boolean[] trunc = new boolean[n];
        int pos = 0;
        for (int i = 0; i < starts.length; i++) {
            int len = (int) (ends[i] - starts[i]);
            System.arraycopy(rewards, (int) starts[i], r, pos, len);
            System.arraycopy(terminated, (int) starts[i], term, pos, len);
            System.arraycopy(truncated, (int) starts[i], trunc, pos, len);
            pos += len;
        }
        Map<String, DoubleMatrix> selectedInfos = new LinkedHashMap<>();
        infos.forEach((k, v) -> selectedInfos.put(k, v.selectRanges(starts, ends)));
        return new TrajectoryDataset(metadata, observations.selectRanges(starts, ends),
                nextObservations == null ? null : nextObservations.selectRanges(starts, ends),
                actions.selectRanges(starts, ends), r, term, trunc, newStarts, selectedInfos);
    }

    /**
     * The episodes of several datasets one after another (for example D4RL's medium-expert = medium + expert);
     * sizes and info columns must agree. The metadata are {@code metadata}.
     */
    public static TrajectoryDataset concat(List<TrajectoryDataset> parts, DatasetMetadata metadata) {
        TrajectoryDataset first = parts.get(0);
        int n = 0;
        int episodes = 0;
        for (TrajectoryDataset p : parts) {
            if (p.observationSize() != first.observationSize() || p.actionSize() != first.actionSize()) {
                throw new IllegalArgumentException(p.metadata().datasetId() + ": sizes " + p.observationSize() + "/"
                        + p.actionSize() + " differ from " + first.metadata().datasetId() + "'s "
                        + first.observationSize() + "/" + first.actionSize());
            }
            if (!p.infos().keySet().equals(first.infos().keySet())
                    || (p.nextObservations() == null) != (first.nextObservations() == null)) {
                throw new IllegalArgumentException(p.metadata().datasetId() + ": recorded columns differ from "
                        + first.metadata().datasetId() + "'s");
            }
            n += p.size();
            episodes += p.episodes();
        }
        FloatMatrix obs = FloatMatrix.zeros(n, first.observationSize());
        FloatMatrix next = first.nextObservations() == null ? null : FloatMatrix.zeros(n, first.observationSize());
        FloatMatrix act = FloatMatrix.zeros(n, first.actionSize());
        float[] rew = new float[n];
        boolean[] term = new boolean[n];
        boolean[] trunc = new boolean[n];
        long[] starts = new long[episodes + 1];
        Map<String, double[]> infoValues = new LinkedHashMap<>();
        for (Map.Entry<String, DoubleMatrix> e : first.infos().entrySet()) {
            infoValues.put(e.getKey(), new double[n * e.getValue().cols()]);
        }
        int row = 0;
        int ep = 0;
        float[] obsRow = new float[first.observationSize()];
        float[] actRow = new float[first.actionSize()];
        for (TrajectoryDataset p : parts) {
            for (int r = 0; r < p.size(); r++) {
                p.observations().copyRow(r, obsRow, 0);
                obs.setRows(row + r, obsRow, 0, 1);
                if (next != null) {
                    p.nextObservations().copyRow(r, obsRow, 0);
                    next.setRows(row + r, obsRow, 0, 1);
                }
                p.actions().copyRow(r, actRow, 0);
                act.setRows(row + r, actRow, 0, 1);
                rew[row + r] = p.rewards[r];
                term[row + r] = p.terminated[r];
                trunc[row + r] = p.truncated[r];
            }
            for (Map.Entry<String, DoubleMatrix> e : p.infos().entrySet()) {
                double[] src = e.getValue().values();
                System.arraycopy(src, 0, infoValues.get(e.getKey()), row * e.getValue().cols(), src.length);
            }
            for (int e = 0; e < p.episodes(); e++) {
                starts[ep + 1] = row + p.episodeStarts[e + 1];
                ep++;
            }
            row += p.size();
        }
        Map<String, DoubleMatrix> infos = new LinkedHashMap<>();
        first.infos().forEach((k, v) -> infos.put(k, new DoubleMatrix(infoValues.get(k), v.cols())));
        return new TrajectoryDataset(metadata, obs, next, act, rew, term, trunc, starts, infos);
    }

    @Override
    public String toString() {
        return "TrajectoryDataset(" + metadata.datasetId() + ", " + episodes() + " episodes, " + size() + " transitions)";
    }
}
