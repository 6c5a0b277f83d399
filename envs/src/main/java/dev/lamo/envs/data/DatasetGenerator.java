package dev.lamo.envs.data;

import dev.lamo.envs.ContinuousEnv;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.PhysicsEnv;
import dev.lamo.envs.PhysicsState;
import dev.lamo.envs.Step;
import dev.lamo.envs.behavior.Behavior;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Generates a vector dataset by running a behaviour in an environment; the episodes are planned, seeded and spread
 * over threads by {@link GenerationPlan} (so the output is byte-identical for any thread count) and assembled here
 * in index order.
 */
public final class DatasetGenerator {

    /** One generated episode; rows are steps. */
    private record Episode(float[] obs, float[] next, float[] actions, float[] rewards, double[] qpos, double[] qvel,
                           double[] mocap, boolean terminated, int length, double exactReturn)
            implements GenerationPlan.Episode {
    }

    private DatasetGenerator() {
    }

    public static TrajectoryDataset generate(GenerationPlan<Behavior> plan, IntConsumer episodesDone) {
        List<Episode> episodes = new ArrayList<>();
        GenerationPlan.Outcome outcome = plan.run(i -> episode(plan, i),
                (e, kept) -> episodes.add(kept < e.length() ? cut(e, kept) : e), episodesDone);
        return assemble(plan, episodes, outcome.behaviorScore());
    }

    private static Episode episode(GenerationPlan<Behavior> plan, int index) {
        try (ContinuousEnv env = EnvRegistry.makeContinuous(plan.envId())) {
            PhysicsEnv physics = env instanceof PhysicsEnv p ? p : null;
            int limit = env.spec().maxEpisodeSteps();
            int obsDim = env.observationSpace().flatSize();
            int actDim = env.actionSpace().flatSize();
            double[] o = env.reset(plan.resetSeed(index));
            Behavior.Controller controller = plan.behavior().controller(env, plan.behaviorRng(index));
            float[] obs = new float[limit * obsDim];
            float[] next = new float[limit * obsDim];
            float[] actions = new float[limit * actDim];
            float[] rewards = new float[limit];
            List<double[]> qpos = new ArrayList<>();
            List<double[]> qvel = new ArrayList<>();
            List<double[]> mocap = new ArrayList<>();
            double exactReturn = 0;
            int t = 0;
            boolean terminated = false;
            while (true) {
                if (physics != null) {
                    PhysicsState s = physics.physicsState();
                    qpos.add(s.qpos());
                    qvel.add(s.qvel());
                    mocap.add(s.mocapPos());
                }
                double[] a = controller.act(o);
                Step<double[]> step = env.step(a);
                copy(o, obs, t * obsDim);
                copy(step.observation(), next, t * obsDim);
                copy(a, actions, t * actDim);
                rewards[t] = (float) step.reward();
                exactReturn += step.reward();
                t++;
                o = step.observation();
                if (step.done()) {
                    terminated = step.terminated();
                    break;
                }
            }
            return new Episode(trim(obs, t * obsDim), trim(next, t * obsDim), trim(actions, t * actDim), trim(rewards, t),
                    flatten(qpos), flatten(qvel), flatten(mocap), terminated, t, exactReturn);
        }
    }

    /** The first {@code steps} steps of an episode, ending in a timeout. */
    private static Episode cut(Episode e, int steps) {
        int obsDim = e.obs().length / e.length();
        int actDim = e.actions().length / e.length();
        int q = e.qpos().length / e.length();
        int v = e.qvel().length / e.length();
        int m = e.mocap().length / e.length();
        double partialReturn = 0;
        for (int i = 0; i < steps; i++) {
            partialReturn += e.rewards()[i];
        }
        return new Episode(trim(e.obs(), steps * obsDim), trim(e.next(), steps * obsDim), trim(e.actions(), steps * actDim),
                trim(e.rewards(), steps), trim(e.qpos(), steps * q), trim(e.qvel(), steps * v), trim(e.mocap(), steps * m),
                false, steps, partialReturn);
    }

    private static TrajectoryDataset assemble(GenerationPlan<Behavior> plan, List<Episode> episodes, Double behaviorScore) {
        EnvSpec spec = EnvRegistry.spec(plan.envId());
        int n = episodes.stream().mapToInt(Episode::length).sum();
        Episode first = episodes.get(0);
        int obsDim = first.obs().length / first.length();
        int actDim = first.actions().length / first.length();
        float[] obs = new float[n * obsDim];
        float[] next = new float[n * obsDim];
        float[] actions = new float[n * actDim];
        float[] rewards = new float[n];
        boolean[] terminated = new boolean[n];
        boolean[] truncated = new boolean[n];
        long[] starts = new long[episodes.size() + 1];
        List<double[]> qpos = new ArrayList<>();
        List<double[]> qvel = new ArrayList<>();
        List<double[]> mocap = new ArrayList<>();
        for (int e = 0; e < episodes.size(); e++) {
            Episode ep = episodes.get(e);
            int s = (int) starts[e];
            System.arraycopy(ep.obs(), 0, obs, s * obsDim, ep.obs().length);
            System.arraycopy(ep.next(), 0, next, s * obsDim, ep.next().length);
            System.arraycopy(ep.actions(), 0, actions, s * actDim, ep.actions().length);
            System.arraycopy(ep.rewards(), 0, rewards, s, ep.length());
            starts[e + 1] = s + ep.length();
            terminated[s + ep.length() - 1] = ep.terminated();
            truncated[s + ep.length() - 1] = !ep.terminated();
            qpos.add(ep.qpos());
            qvel.add(ep.qvel());
            mocap.add(ep.mocap());
        }
        Map<String, DoubleMatrix> infos = new LinkedHashMap<>();
        putInfo(infos, "qpos", qpos, n);
        putInfo(infos, "qvel", qvel, n);
        putInfo(infos, "mocap_pos", mocap, n);
        String id = plan.datasetId(plan.behavior().name());
        Map<String, Object> obsSpace = boxSpace(obsDim);
        Map<String, Object> actSpace = boxSpace(actDim);
        DatasetMetadata md = DatasetMetadata.of(id, "generated", null, null).withEnv(spec.id(), spec.version())
                .withBehavior(plan.behavior().name(), plan.behavior().details(), behaviorScore, plan.seed())
                .withSpaces(obsSpace, actSpace)
                .withExtra(Map.of("clip_actions", spec.clipActions()));
        return new TrajectoryDataset(md, FloatMatrix.of(obs, obsDim), FloatMatrix.of(next, obsDim),
                FloatMatrix.of(actions, actDim), rewards, terminated, truncated, starts, infos);
    }

    private static void putInfo(Map<String, DoubleMatrix> infos, String key, List<double[]> parts, int rows) {
        int total = parts.stream().mapToInt(p -> p.length).sum();
        if (total == 0) {
            return;
        }
        double[] values = new double[total];
        int pos = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, values, pos, p.length);
            pos += p.length;
        }
        infos.put(key, new DoubleMatrix(values, total / rows));
    }

    private static void copy(double[] src, float[] dst, int offset) {
        for (int i = 0; i < src.length; i++) {
            dst[offset + i] = (float) src[i];
        }
    }

    private static double[] flatten(List<double[]> rows) {
        int total = rows.stream().mapToInt(r -> r.length).sum();
        double[] out = new double[total];
        int pos = 0;
        for (double[] r : rows) {
            System.arraycopy(r, 0, out, pos, r.length);
            pos += r.length;
        }
        return out;
    }

    private static float[] trim(float[] a, int n) {
        float[] out = new float[n];
        System.arraycopy(a, 0, out, 0, n);
        return out;
    }

    private static double[] trim(double[] a, int n) {
        double[] out = new double[n];
        System.arraycopy(a, 0, out, 0, n);
        return out;
    }

    /**
     * A box space in a fixed key order: the metadata is written into the file, and {@code Map.of}'s order changes
     * from one JVM to the next, so copying it made the same dataset's bytes (and sha256) differ between runs. Shape
     * first: the order the committed low-data datasets' hashes were taken with.
     */
    private static Map<String, Object> boxSpace(int dim) {
        Map<String, Object> space = new LinkedHashMap<>();
        space.put("shape", new int[] {dim});
        space.put("type", "box");
        return space;
    }
}
