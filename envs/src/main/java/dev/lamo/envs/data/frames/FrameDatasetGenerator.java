package dev.lamo.envs.data.frames;

import dev.lamo.envs.Env;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.Step;
import dev.lamo.envs.arcade.AleProtocol;
import dev.lamo.envs.arcade.ArcadeBehavior;
import dev.lamo.envs.arcade.ArcadeEnv;
import dev.lamo.envs.arcade.ArcadeTitle;
import dev.lamo.envs.data.DatasetMetadata;
import dev.lamo.envs.data.OrderedEpisodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;

/**
 * Generates an arcade frame dataset by running an {@link ArcadeBehavior} in an {@link ArcadeEnv} under the
 * environment's own protocol, and streams it to a {@link FrameDatasetWriter}: only single frames are kept, and
 * only those of one wave of episodes beyond what the writer holds.
 *
 * <p>Episode i is seeded from (seed, i) alone (environment and behaviour each from their own derived seed) and
 * episodes are written in index order, so the file is byte-identical for any thread count, as with
 * {@link dev.lamo.envs.data.DatasetGenerator}.
 */
public final class FrameDatasetGenerator {

    /**
     * What to generate.
     *
     * @param envId       an arcade environment id
     * @param behavior    the behaviour policy
     * @param episodes    number of episodes (0 when {@code transitions} is given)
     * @param transitions number of transitions (0 when {@code episodes} is given); the last episode is cut and
     *                    marked as a timeout
     * @param seed        generation seed
     * @param datasetId   dataset id, or null to derive one from env, behaviour and size
     * @param threads     worker threads
     */
    public record Plan(String envId, ArcadeBehavior behavior, int episodes, long transitions, long seed, String datasetId,
                       int threads) {
        public Plan {
            if ((episodes > 0) == (transitions > 0)) {
                throw new IllegalArgumentException("give either a number of episodes or a number of transitions (> 0), got "
                        + episodes + " episodes and " + transitions + " transitions");
            }
            if (transitions > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("at most " + Integer.MAX_VALUE + " transitions, got " + transitions);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
        }
    }

    /** What was written. */
    public record Summary(String datasetId, int episodes, int transitions, double meanReturn, Double behaviorScore) {
    }

    /** One episode: the newest frame of each step's observation, the actions, rewards and how it ended. */
    private record Episode(byte[] frames, int[] actions, float[] rewards, boolean terminated, int length,
                           double exactReturn) {
    }

    private FrameDatasetGenerator() {
    }

    /** Whether {@code envId} is an arcade environment, whose data are frame datasets. */
    public static boolean isArcade(String envId) {
        try (Env<?, ?> env = EnvRegistry.make(envId)) {
            return env instanceof ArcadeEnv;
        }
    }

    public static Summary generate(Plan plan, Path out, IntConsumer episodesDone) {
        EnvSpec spec = EnvRegistry.spec(plan.envId());
        ArcadeEnv probe = arcade(plan.envId());
        probe.close();
        int height = AleProtocol.FRAME_SIZE;
        int width = AleProtocol.FRAME_SIZE;
        FrameDatasetWriter writer = new FrameDatasetWriter(out, height, width);
        int episodes = 0;
        double returnSum = 0;
        double scoreSum = 0;
        int scored = 0;
        ExecutorService pool = Executors.newFixedThreadPool(plan.threads(), r -> {
            Thread t = new Thread(r, "generate-" + plan.envId());
            t.setDaemon(true);
            return t;
        });
        try {
            int wave = Math.max(4, 2 * plan.threads());
            int next = 0;
            boolean done = false;
            while (!done) {
                int to = plan.episodes() > 0 ? Math.min(plan.episodes(), next + wave) : next + wave;
                for (Episode e : OrderedEpisodes.run(pool, next, to, i -> episode(plan, i))) {
                    int room = plan.transitions() > 0 ? (int) (plan.transitions() - writer.size()) : e.length();
                    int kept = Math.min(room, e.length());
                    boolean cut = kept < e.length();
                    int fb = height * width;
                    for (int t = 0; t < kept; t++) {
                        boolean last = t == kept - 1;
                        writer.append(e.frames(), t * fb, e.actions()[t], e.rewards()[t], last && e.terminated() && !cut,
                                last && !(e.terminated() && !cut));
                    }
                    episodes++;
                    double ret = 0;
                    for (int t = 0; t < kept; t++) {
                        ret += e.rewards()[t];
                    }
                    returnSum += ret;
                    if (!cut) {
                        scoreSum += spec.normalizedScore(e.exactReturn());
                        scored++;
                    }
                    if (plan.transitions() > 0 && writer.size() >= plan.transitions()) {
                        done = true;
                        break;
                    }
                }
                next = to;
                done |= plan.episodes() > 0 && next >= plan.episodes();
                episodesDone.accept(episodes);
            }
        } finally {
            pool.shutdownNow();
        }
        String id = plan.datasetId() != null ? plan.datasetId()
                : plan.envId() + "-" + plan.behavior().name() + "-"
                + (plan.episodes() > 0 ? plan.episodes() + "ep" : plan.transitions() + "tr") + "-s" + plan.seed();
        Double score = scored == 0 ? null : scoreSum / scored;
        List<String> names = probe.game().actionNames();
        DatasetMetadata md = DatasetMetadata.of(id, "generated", null, null).withEnv(spec.id(), spec.version())
                .withBehavior(plan.behavior().name(), plan.behavior().details(), score, plan.seed())
                .withSpaces(FrameDatasetReader.observationSpace(probe.protocol().frameStack(), height, width),
                        FrameDatasetReader.actionSpace(names.size(), names))
                .withAleProtocol(probe.protocol().describe());
        writer.finish(md, names.size(), probe.protocol().frameStack(), names);
        return new Summary(id, episodes, writer.size(), returnSum / episodes, score);
    }

    private static ArcadeEnv arcade(String envId) {
        Env<?, ?> env = EnvRegistry.make(envId);
        if (env instanceof ArcadeEnv a) {
            return a;
        }
        env.close();
        throw new IllegalArgumentException("environment '" + envId + "' is not an arcade game (frame datasets need one)");
    }

    private static Episode episode(Plan plan, int index) {
        try (ArcadeEnv env = arcade(plan.envId())) {
            ArcadeTitle title = ArcadeTitle.parse(env.game().name());
            int actionCount = env.game().actionNames().size();
            int limit = env.protocol().maxAgentSteps();
            int stackBytes = env.observationSpace().flatSize();
            int fb = stackBytes / env.protocol().frameStack();
            byte[] frames = new byte[Math.min(limit, 1024) * fb];
            int[] actions = new int[limit];
            float[] rewards = new float[limit];
            byte[] obs = env.reset(Seeds.derive(plan.seed(), index));
            RandomGenerator rng = Seeds.rng(Seeds.derive(plan.seed(), index, 1));
            double exactReturn = 0;
            int t = 0;
            while (true) {
                if ((t + 1) * fb > frames.length) {
                    frames = Arrays.copyOf(frames, Math.min(limit, 2 * (t + 1)) * fb);
                }
                // the newest frame of the stack (oldest first) is this step's own
                System.arraycopy(obs, stackBytes - fb, frames, t * fb, fb);
                int a = plan.behavior().act(title, env.game(), actionCount, rng);
                Step<byte[]> step = env.step(a);
                actions[t] = a;
                rewards[t] = (float) step.reward();
                exactReturn += step.reward();
                t++;
                obs = step.observation();
                if (step.done()) {
                    return new Episode(Arrays.copyOf(frames, t * fb), Arrays.copyOf(actions, t),
                            Arrays.copyOf(rewards, t), step.terminated(), t, exactReturn);
                }
            }
        }
    }
}
