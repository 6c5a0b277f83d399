package dev.lamo.envs.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Complete episodes of an offline dataset with vector observations, stored column-wise in primitive arrays with
 * episode offsets: 2M transitions are a handful of arrays, not millions of objects.
 *
 * <p>Row {@code t} holds the observation before step t, the action taken, the reward received and the
 * flags of the step; rewards, flags and episodes are kept as {@link EpisodicDataset} keeps them for both
 * dataset kinds.
 */
public final class TrajectoryDataset extends EpisodicDataset {

    private final FloatMatrix observations;
    private final FloatMatrix nextObservations;
    private final FloatMatrix actions;
    private final Map<String, DoubleMatrix> infos;

    /**
     * @param nextObservations observation after each step, or null when the source did not record it
     * @param episodeStarts    first row of each episode, then the total row count (length episodes + 1)
     * @param infos            per-row extras such as {@code qpos} and {@code qvel}
     */
    public TrajectoryDataset(DatasetMetadata metadata, FloatMatrix observations, FloatMatrix nextObservations,
                             FloatMatrix actions, float[] rewards, boolean[] terminated, boolean[] truncated,
                             long[] episodeStarts, Map<String, DoubleMatrix> infos) {
        super(metadata, checkedRewards(rewards, terminated, truncated, observations.rows()), terminated, truncated,
                intOffsets(episodeStarts));
        long n = observations.rows();
        requireRows("actions", actions.rows(), n);
        if (nextObservations != null) {
            requireRows("next_observations", nextObservations.rows(), n);
        }
        infos = infos == null ? Map.of() : infos;
        for (Map.Entry<String, DoubleMatrix> e : infos.entrySet()) {
            requireRows("infos/" + e.getKey(), e.getValue().rows(), n);
        }
        this.observations = observations;
        this.nextObservations = nextObservations;
        this.actions = actions;
        this.infos = Collections.unmodifiableMap(new LinkedHashMap<>(infos));
    }

    /** The rewards, once they and the flags are known to have a row per observation. */
    private static float[] checkedRewards(float[] rewards, boolean[] terminated, boolean[] truncated, long n) {
        requireRows("rewards", rewards.length, n);
        requireRows("terminated flags", terminated.length, n);
        requireRows("truncated flags", truncated.length, n);
        return rewards;
    }

    /** The same rows under other metadata, sharing every column. */
    private TrajectoryDataset(TrajectoryDataset d, DatasetMetadata metadata) {
        super(d, metadata);
        this.observations = d.observations;
        this.nextObservations = d.nextObservations;
        this.actions = d.actions;
        this.infos = d.infos;
    }

    private static void requireRows(String what, long rows, long expected) {
        if (rows != expected) {
            throw new IllegalArgumentException(what + " has " + rows + " rows but observations have " + expected);
        }
    }

    public TrajectoryDataset withMetadata(DatasetMetadata m) {
        return new TrajectoryDataset(this, m);
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

    public Map<String, DoubleMatrix> infos() {
        return infos;
    }

    /** The observation after step {@code row}: recorded, or the next row's within the episode; null otherwise. */
    public float[] nextObservation(int row) {
        if (nextObservations != null) {
            return nextObservations.row(row);
        }
        return terminated(row) || truncated(row) ? null : observations.row(row + 1);
    }

    /** A dataset of the given episodes, in the given order, with the same metadata. */
    public TrajectoryDataset selectEpisodes(int[] episodeIndices) {
        Selection picked = select(episodeIndices);
        long[] starts = longs(picked.from());
        long[] ends = longs(picked.to());
        Map<String, DoubleMatrix> selectedInfos = new LinkedHashMap<>();
        infos.forEach((k, v) -> selectedInfos.put(k, v.selectRanges(starts, ends)));
        return new TrajectoryDataset(metadata(), observations.selectRanges(starts, ends),
                nextObservations == null ? null : nextObservations.selectRanges(starts, ends),
                actions.selectRanges(starts, ends), picked.rewards(), picked.terminated(), picked.truncated(),
                longs(picked.starts()), selectedInfos);
    }

    private static long[] longs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
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
                rew[row + r] = p.reward(r);
                term[row + r] = p.terminated(r);
                trunc[row + r] = p.truncated(r);
            }
            for (Map.Entry<String, DoubleMatrix> e : p.infos().entrySet()) {
                double[] src = e.getValue().values();
                System.arraycopy(src, 0, infoValues.get(e.getKey()), row * e.getValue().cols(), src.length);
            }
            for (int e = 0; e < p.episodes(); e++) {
                starts[ep + 1] = row + p.episodeStart(e + 1);
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
        return "TrajectoryDataset(" + metadata().datasetId() + ", " + episodes() + " episodes, " + size() + " transitions)";
    }
}
