package dev.lamo.policies.pixels;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.Step;
import dev.lamo.envs.arcade.AleProtocol;
import dev.lamo.envs.arcade.ArcadeEnv;
import dev.lamo.envs.arcade.ArcadeTitle;
import dev.lamo.envs.data.DatasetMetadata;
import dev.lamo.envs.data.frames.FrameDataset;
import dev.lamo.envs.data.frames.FrameStore;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Small real pixel datasets for tests: episodes of an arcade game played by its expert with ε-noise, in memory. */
public final class ArcadeRollouts {

    /** The dataset, and every observation the environment returned (row by row), to compare stacks against. */
    public record Rollouts(FrameDataset data, List<byte[]> observations) {
    }

    private ArcadeRollouts() {
    }

    /** {@code episodes} episodes cut (as timeouts) after {@code maxSteps} steps each. */
    public static Rollouts play(ArcadeTitle title, int episodes, int maxSteps, double epsilon, long seed) {
        int frameBytes = AleProtocol.FRAME_SIZE * AleProtocol.FRAME_SIZE;
        FrameStore frames = new FrameStore(AleProtocol.FRAME_SIZE, AleProtocol.FRAME_SIZE);
        List<Integer> actions = new ArrayList<>();
        List<Float> rewards = new ArrayList<>();
        List<Boolean> terminals = new ArrayList<>();
        List<Boolean> timeouts = new ArrayList<>();
        List<byte[]> observations = new ArrayList<>();
        int actionCount;
        try (ArcadeEnv env = (ArcadeEnv) EnvRegistry.make(title.id())) {
            actionCount = env.game().actionNames().size();
            for (int e = 0; e < episodes; e++) {
                RandomGenerator rng = Seeds.rng(Seeds.derive(seed, e));
                byte[] obs = env.reset(Seeds.derive(seed, e, 1));
                for (int t = 0; ; t++) {
                    observations.add(obs.clone());
                    frames.add(obs, obs.length - frameBytes);
                    int a = rng.nextDouble() < epsilon ? rng.nextInt(actionCount) : title.expertAction(env.game());
                    Step<byte[]> s = env.step(a);
                    actions.add(a);
                    rewards.add((float) s.reward());
                    boolean cut = !s.done() && t + 1 == maxSteps;
                    terminals.add(s.terminated());
                    timeouts.add(s.truncated() || cut);
                    if (s.done() || cut) {
                        break;
                    }
                    obs = s.observation();
                }
            }
        }
        int n = actions.size();
        int[] a = new int[n];
        float[] r = new float[n];
        boolean[] term = new boolean[n];
        boolean[] trunc = new boolean[n];
        for (int i = 0; i < n; i++) {
            a[i] = actions.get(i);
            r[i] = rewards.get(i);
            term[i] = terminals.get(i);
            trunc[i] = timeouts.get(i);
        }
        DatasetMetadata md = DatasetMetadata.of(title.id() + "-test", "generated", null, "0").withEnv(title.id(), "v0");
        return new Rollouts(new FrameDataset(md, frames, a, r, term, trunc, actionCount, 4), observations);
    }
}
