package dev.lamo.envs.data.frames;

import dev.lamo.envs.Env;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.Step;
import dev.lamo.envs.arcade.AleProtocol;
import dev.lamo.envs.arcade.ArcadeBehavior;
import dev.lamo.envs.arcade.ArcadeEnv;
import dev.lamo.envs.arcade.ArcadeTitle;
import dev.lamo.envs.data.DatasetMetadata;
import dev.lamo.envs.data.GenerationPlan;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;

/**
 * Generates an arcade frame dataset by running an {@link ArcadeBehavior} in an {@link ArcadeEnv} under the
 * environment's own protocol, and streams it to a {@link FrameDatasetWriter}: only single frames are kept, and
 * only those of one wave of episodes beyond what the writer holds.
 *
 * <p>Episodes are planned, seeded and spread over threads by {@link GenerationPlan}, as for
 * {@link dev.lamo.envs.data.DatasetGenerator}, so the file is byte-identical for any thread count.
 */
public final class FrameDatasetGenerator {

    /** What was written. */
    public record Summary(String datasetId, int episodes, int transitions, double meanReturn, Double behaviorScore) {
    }

    /** One episode: the newest frame of each step's observation, the actions, rewards and how it ended. */
    private record Episode(byte[] frames, int[] actions, float[] rewards, boolean terminated, int length,
                           double exactReturn) implements GenerationPlan.Episode {
    }

    private FrameDatasetGenerator() {
    }

    /** Whether {@code envId} is an arcade environment, whose data are frame datasets. */
    public static boolean isArcade(String envId) {
        try (Env<?, ?> env = EnvRegistry.make(envId)) {
            return env instanceof ArcadeEnv;
        }
    }

    public static Summary generate(GenerationPlan<ArcadeBehavior> plan, Path out, IntConsumer episodesDone) {
        EnvSpec spec = EnvRegistry.spec(plan.envId());
        ArcadeEnv probe = arcade(plan.envId());
        probe.close();
        int height = AleProtocol.FRAME_SIZE;
        int width = AleProtocol.FRAME_SIZE;
        FrameDatasetWriter writer = new FrameDatasetWriter(out, height, width);
        double[] returnSum = {0};
        GenerationPlan.Outcome outcome = plan.run(i -> episode(plan, i), (e, kept) -> {
            boolean cut = kept < e.length();
            int fb = height * width;
            double keptReturn = 0;
            for (int t = 0; t < kept; t++) {
                boolean last = t == kept - 1;
                writer.append(e.frames(), t * fb, e.actions()[t], e.rewards()[t], last && e.terminated() && !cut,
                        last && !(e.terminated() && !cut));
                keptReturn += e.rewards()[t];
            }
            returnSum[0] += keptReturn;
        }, episodesDone);
        String id = plan.datasetId(plan.behavior().name());
        List<String> names = probe.game().actionNames();
        DatasetMetadata md = DatasetMetadata.of(id, "generated", null, null).withEnv(spec.id(), spec.version())
                .withBehavior(plan.behavior().name(), plan.behavior().details(), outcome.behaviorScore(), plan.seed())
                .withSpaces(FrameDatasetReader.observationSpace(probe.protocol().frameStack(), height, width),
                        FrameDatasetReader.actionSpace(names.size(), names))
                .withAleProtocol(probe.protocol().describe());
        writer.finish(md, names.size(), probe.protocol().frameStack(), names);
        return new Summary(id, outcome.episodes(), writer.size(), returnSum[0] / outcome.episodes(),
                outcome.behaviorScore());
    }

    private static ArcadeEnv arcade(String envId) {
        Env<?, ?> env = EnvRegistry.make(envId);
        if (env instanceof ArcadeEnv a) {
            return a;
        }
        env.close();
        throw new IllegalArgumentException("environment '" + envId + "' is not an arcade game (frame datasets need one)");
    }

    private static Episode episode(GenerationPlan<ArcadeBehavior> plan, int index) {
        try (ArcadeEnv env = arcade(plan.envId())) {
            ArcadeTitle title = ArcadeTitle.parse(env.game().name());
            int actionCount = env.game().actionNames().size();
            int limit = env.protocol().maxAgentSteps();
            int stackBytes = env.observationSpace().flatSize();
            int fb = stackBytes / env.protocol().frameStack();
            byte[] frames = new byte[Math.min(limit, 1024) * fb];
            int[] actions = new int[limit];
            float[] rewards = new float[limit];
            byte[] obs = env.reset(plan.resetSeed(index));
            RandomGenerator rng = plan.behaviorRng(index);
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
