package dev.lamo.policies.offline;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.Step;
import dev.lamo.envs.arcade.ArcadeEnv;
import dev.lamo.envs.arcade.ArcadeTitle;
import dev.lamo.envs.data.DatasetMetadata;
import dev.lamo.envs.data.frames.FrameDataset;
import dev.lamo.envs.data.frames.FrameStore;
import dev.lamo.policies.run.TrainingData;
import dev.lamo.results.records.DatasetRef;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Small pixel-game datasets built in memory (the frame file reader is not wired in yet). */
final class DiscreteFixtures {

    static final int FRAME = 84 * 84;

    private DiscreteFixtures() {
    }

    /**
     * {@code rows} steps of breakout, the scripted expert's action with probability {@code expertShare} and a random
     * one otherwise, episodes cut (truncated) after {@code episodeCap} steps; the last row is always flagged.
     */
    static FrameDataset breakout(int rows, int episodeCap, double expertShare, long seed) {
        RandomGenerator rng = Seeds.rng(seed);
        FrameStore frames = new FrameStore(84, 84);
        int[] actions = new int[rows];
        float[] rewards = new float[rows];
        boolean[] terminated = new boolean[rows];
        boolean[] truncated = new boolean[rows];
        try (ArcadeEnv env = (ArcadeEnv) EnvRegistry.make("breakout")) {
            byte[] obs = env.reset(seed);
            int length = 0;
            for (int i = 0; i < rows; i++) {
                frames.add(obs, 3 * FRAME); // the newest frame of the stack
                int a = rng.nextDouble() < expertShare ? ArcadeTitle.BREAKOUT.expertAction(env.game()) : rng.nextInt(4);
                Step<byte[]> s = env.step(a);
                length++;
                actions[i] = a;
                rewards[i] = (float) s.reward();
                terminated[i] = s.terminated();
                truncated[i] = !s.terminated() && (s.truncated() || length == episodeCap || i == rows - 1);
                if (terminated[i] || truncated[i]) {
                    obs = env.reset(seed + i + 1);
                    length = 0;
                } else {
                    obs = s.observation();
                }
            }
        }
        return new FrameDataset(DatasetMetadata.of("breakout-test", "in-memory", "memory", "0".repeat(64)), frames, actions,
                rewards, terminated, truncated, 4, 4);
    }

    /** A frame lane that hands out {@code data} instead of reading a file. */
    static TrainingData.Lane<FrameDataset> source(FrameDataset data) {
        return new TrainingData.Lane<>() {
            @Override
            public FrameDataset read(Path file, Double ratio, long seed) {
                return data;
            }

            @Override
            public FrameDataset reread(DatasetRef ref) {
                return data;
            }

            @Override
            public dev.lamo.envs.data.DatasetMetadata metadata(FrameDataset d) {
                return d.metadata();
            }

            @Override
            public int episodes(FrameDataset d) {
                return d.episodes();
            }

            @Override
            public long size(FrameDataset d) {
                return d.size();
            }

            @Override
            public void requireCompatible(Path file, FrameDataset d, String envId) {
                TrainingData.FRAMES.requireCompatible(file, d, envId);
            }
        };
    }

    /** The stacks of the given rows, as a policy batch sees them: pixel values 0..255 as floats. */
    static byte[][] stacks(FrameDataset data, int... rows) {
        byte[][] out = new byte[rows.length][data.stackBytes()];
        for (int r = 0; r < rows.length; r++) {
            data.copyStack(rows[r], FrameDataset.StackPadding.REPEAT_FIRST, out[r], 0);
        }
        return out;
    }

    /** Whether two stacked observations hold the same bytes. */
    static boolean sameStack(byte[] a, int aOffset, byte[] b, int bOffset, int bytes) {
        return Arrays.equals(a, aOffset, aOffset + bytes, b, bOffset, bOffset + bytes);
    }
}
