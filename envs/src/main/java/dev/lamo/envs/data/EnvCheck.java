package dev.lamo.envs.data;

import dev.lamo.envs.PhysicsEnv;
import dev.lamo.envs.PhysicsState;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.SimulationException;
import dev.lamo.envs.Step;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Does a dataset mean the same thing in our environment? For sampled steps that carry their physical state
 * ({@code infos/qpos}, {@code infos/qvel}, and {@code infos/mocap_pos} where the environment has mocap
 * bodies), the environment is put into that state, the recorded action is applied, and the result is
 * compared with the recorded observation, reward and next observation.
 */
public final class EnvCheck {

    /**
     * @param checked                 steps replayed
     * @param maxObservationDiff      largest |recorded observation − observation of the set state|
     * @param maxNextObservationDiff  largest |recorded next observation − observation after the step|
     * @param maxRewardDiff           largest |recorded reward − reward of the step|
     * @param terminationMismatches   steps whose terminal flag differs
     * @param simulatorFailures       steps the simulator could not take
     * @param worstRow                row with the largest next-observation difference
     */
    public record Report(int checked, double maxObservationDiff, double maxNextObservationDiff, double maxRewardDiff,
                         int terminationMismatches, int simulatorFailures, long worstRow) {
    }

    private EnvCheck() {
    }

    public static Report check(TrajectoryDataset data, PhysicsEnv env, int samples, long seed) {
        String source = data.metadata().sourceFile() == null ? data.metadata().datasetId() : data.metadata().sourceFile();
        requireCompatible(data, env.observationSpace().flatSize(), env.actionSpace().flatSize(), env.spec().id());
        DoubleMatrix qpos = data.infos().get("qpos");
        DoubleMatrix qvel = data.infos().get("qvel");
        if (qpos == null || qvel == null) {
            throw new DatasetFormatException(source + ": no 'infos/qpos' and 'infos/qvel'; check-env needs the recorded physical states");
        }
        DoubleMatrix mocap = data.infos().get("mocap_pos");
        int mocapSize = env.physicsState().mocapPos().length;
        if (mocapSize > 0 && mocap == null) {
            throw new DatasetFormatException(source + ": no 'infos/mocap_pos'; " + env.spec().id()
                    + " places mocap bodies (its target) at every reset and needs them recorded");
        }
        int[] rows = sampleRows(data.size(), samples, seed);
        double maxObs = 0;
        double maxNext = 0;
        double maxReward = 0;
        int mismatches = 0;
        int failures = 0;
        long worst = -1;
        double[] action = new double[data.actionSize()];
        double[] recorded = new double[data.observationSize()];
        for (int r : rows) {
            env.setPhysicsState(new PhysicsState(qpos.row(r), qvel.row(r), mocapSize > 0 ? mocap.row(r) : null));
            data.observations().copyRow(r, recorded, 0);
            maxObs = Math.max(maxObs, maxAbsDiff(recorded, env.currentObservation()));
            data.actions().copyRow(r, action, 0);
            Step<double[]> step;
            try {
                step = env.step(action);
            } catch (SimulationException e) {
                failures++;
                continue;
            }
            maxReward = Math.max(maxReward, Math.abs(step.reward() - data.reward(r)));
            if (step.terminated() != data.terminated(r)) {
                mismatches++;
            }
            float[] next = data.nextObservation(r);
            if (next != null) {
                double d = 0;
                for (int i = 0; i < next.length; i++) {
                    d = Math.max(d, Math.abs(next[i] - step.observation()[i]));
                }
                if (d > maxNext || worst < 0) {
                    maxNext = Math.max(maxNext, d);
                    worst = r;
                }
            }
        }
        return new Report(rows.length, maxObs, maxNext, maxReward, mismatches, failures, worst);
    }

    /** Fails with one line when a dataset's sizes do not match an environment's. */
    public static void requireCompatible(TrajectoryDataset data, int observationSize, int actionSize, String envId) {
        String source = data.metadata().sourceFile() == null ? data.metadata().datasetId() : data.metadata().sourceFile();
        if (data.observationSize() != observationSize) {
            throw new DatasetFormatException(source + ": observations have " + data.observationSize()
                    + " values per step but " + envId + " expects " + observationSize);
        }
        if (data.actionSize() != actionSize) {
            throw new DatasetFormatException(source + ": actions have " + data.actionSize() + " values per step but "
                    + envId + " expects " + actionSize);
        }
    }

    private static int[] sampleRows(int n, int samples, long seed) {
        if (samples >= n) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        RandomGenerator rng = Seeds.rng(seed);
        int[] rows = rng.ints(samples, 0, n).toArray();
        Arrays.sort(rows);
        return rows;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
