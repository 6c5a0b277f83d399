package dev.lamo.envs.data.frames;

import dev.lamo.envs.data.GenerationPlan;
import static org.junit.jupiter.api.Assertions.*;

import dev.lamo.envs.Seeds;
import dev.lamo.envs.Step;
import dev.lamo.envs.arcade.ArcadeBehavior;
import dev.lamo.envs.arcade.ArcadeEnv;
import dev.lamo.envs.arcade.ArcadeTitle;
import dev.lamo.envs.data.DatasetFormatException;
import dev.lamo.envs.data.DatasetMetadata;
import dev.lamo.envs.data.DownSampler;
import dev.lamo.envs.data.frames.FrameDataset.StackPadding;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameDatasetIoTest {

    private static final long SEED = 5;

    @TempDir
    static Path dir;
    private static Path breakout;
    private static FrameDatasetGenerator.Summary summary;

    /** About a dozen random-play Breakout episodes (≈100 steps each), the last cut at 1,200 transitions. */
    @BeforeAll
    static void generate() {
        breakout = dir.resolve("breakout-random.hdf5");
        summary = FrameDatasetGenerator.generate(new GenerationPlan<>("breakout", ArcadeBehavior.random(), 0, 1200,
                SEED, null, 2), breakout, n -> { });
    }

    @Test
    void everyStoredStackIsTheObservationTheEnvironmentGaveByteForByte() {
        FrameDataset d = FrameDatasetReader.read(breakout);
        assertEquals(1200, d.size());
        assertEquals(summary.episodes(), d.episodes());
        assertTrue(d.episodes() >= 5, "random Breakout episodes are short: " + d.episodes());
        assertTrue(d.truncated(d.size() - 1), "the episode cut at the transition budget ends in a timeout");
        byte[] stack = new byte[d.stackBytes()];
        for (int e = 0; e < d.episodes(); e++) {
            // episode e was seeded from (seed, e): replaying its actions must show the same screens
            try (ArcadeEnv env = ArcadeTitle.BREAKOUT.newEnv(ArcadeTitle.BREAKOUT.spec())) {
                byte[] obs = env.reset(Seeds.derive(SEED, e));
                for (int row = d.episodeStart(e); row < d.episodeStart(e) + d.episodeLength(e); row++) {
                    d.copyStack(row, StackPadding.REPEAT_FIRST, stack, 0);
                    assertArrayEquals(obs, stack, "episode " + e + " row " + row);
                    Step<byte[]> step = env.step(d.action(row));
                    assertEquals((float) step.reward(), d.reward(row), "row " + row);
                    boolean last = row == d.episodeStart(e) + d.episodeLength(e) - 1;
                    assertEquals(last && step.terminated(), d.terminated(row), "row " + row);
                    if (!last) {
                        assertFalse(step.done(), "an episode ends only at its flagged row " + row);
                    }
                    obs = step.observation();
                }
            }
        }
    }

    @Test
    void metadataRecordsBehaviourProtocolAndSpaces() {
        FrameDataset d = FrameDatasetReader.read(breakout);
        DatasetMetadata m = d.metadata();
        assertEquals("breakout-random-1200tr-s5", m.datasetId());
        assertEquals("breakout", m.envId());
        assertEquals("random", m.behavior());
        assertEquals(1.0, ((Number) m.behaviorDetails().get("epsilon")).doubleValue());
        assertEquals(SEED, m.generationSeed());
        assertEquals("lamo", m.format());
        assertEquals(4, d.frameStack());
        assertEquals(4, d.actionCount());
        assertEquals(84, d.height());
        assertEquals(84, d.width());
        assertEquals(List.of("NOOP", "FIRE", "RIGHT", "LEFT"), m.actionSpace().get("names"));
        @SuppressWarnings("unchecked")
        Map<String, Object> protocol = (Map<String, Object>) m.extra().get("ale_protocol");
        assertEquals(4, protocol.get("frame_skip"));
        assertEquals(30, protocol.get("noop_max"));
        assertNotNull(m.behaviorScore());
        assertTrue(m.behaviorScore() < 10, "random play scores near 0%: " + m.behaviorScore());
    }

    @Test
    void fileHasD4rlAtariColumnsWithTheirDtypes() throws Exception {
        try (HdfFile hdf = new HdfFile(breakout)) {
            assertArrayEquals(new int[] {1200, 84, 84}, hdf.getDatasetByPath("observations").getDimensions());
            assertEquals(int[].class, hdf.getDatasetByPath("actions").getData().getClass());
            assertEquals(float[].class, hdf.getDatasetByPath("rewards").getData().getClass());
            assertEquals(byte[].class, hdf.getDatasetByPath("terminals").getData().getClass());
            assertEquals(byte[].class, hdf.getDatasetByPath("timeouts").getData().getClass());
            assertEquals(4, ((Number) hdf.getDatasetByPath("metadata/frame_stack").getData()).intValue());
            assertEquals("NOOP,FIRE,RIGHT,LEFT", hdf.getDatasetByPath("metadata/action_names").getData());
        }
        assertTrue(Files.size(breakout) < 1200 * 84 * 84 / 4, "frames compress: " + Files.size(breakout));
    }

    @Test
    void ratioReadKeepsTheLengthWeightedChoiceOfEpisodesOnly() {
        FrameDataset full = FrameDatasetReader.read(breakout);
        FrameDataset part = FrameDatasetReader.read(breakout, 0.5, 3, DownSampler.Weighting.BY_LENGTH);
        int[] chosen = DownSampler.choose(full.episodeLengths(), 0.5, 3, DownSampler.Weighting.BY_LENGTH);
        assertSameRows(full.selectEpisodes(chosen), part);
        assertEquals(full.episodes() / 2, part.episodes());
        assertEquals("breakout-random-1200tr-s5@0.5Ls3", part.metadata().datasetId());
        assertEquals(0.5, part.metadata().sampleRatio());
        assertEquals(3L, part.metadata().sampleSeed());
        assertEquals("breakout-random-1200tr-s5", part.metadata().sampledFrom());
        FrameDataset other = FrameDatasetReader.read(breakout, 0.5, 4, DownSampler.Weighting.BY_LENGTH);
        assertFalse(Arrays.equals(part.episodeLengths(), other.episodeLengths()) && part.size() == other.size()
                && Arrays.equals(part.episodeReturns(), other.episodeReturns()), "another seed, other episodes");
    }

    @Test
    void writtenSampleReadsBackTheSame(@TempDir Path tmp) {
        FrameDataset part = FrameDatasetReader.read(breakout, 0.5, 3, DownSampler.Weighting.BY_LENGTH);
        Path out = tmp.resolve("sample.hdf5");
        FrameDatasetWriter.write(part, out);
        FrameDataset back = FrameDatasetReader.read(out);
        assertSameRows(part, back);
        assertEquals(part.metadata().datasetId(), back.metadata().datasetId());
        assertEquals(0.5, back.metadata().sampleRatio());
    }

    @Test
    void framesBeyondOnePartGoToPartFilesAndReadBackInOrder(@TempDir Path tmp) {
        FrameDataset source = FrameDatasetReader.read(breakout);
        Path out = tmp.resolve("big.hdf5");
        FrameDatasetWriter w = new FrameDatasetWriter(out, 84, 84, 500);
        byte[] frame = new byte[84 * 84];
        for (int i = 0; i < source.size(); i++) {
            source.frames().copy(i, frame, 0);
            w.append(frame, 0, source.action(i), source.reward(i), source.terminated(i), source.truncated(i));
        }
        w.finish(source.metadata(), source.actionCount(), source.frameStack(), null);
        assertTrue(Files.isRegularFile(tmp.resolve("big.frames-0.hdf5")));
        assertTrue(Files.isRegularFile(tmp.resolve("big.frames-2.hdf5")), "1,200 frames in parts of 500: three parts");
        assertFalse(Files.exists(tmp.resolve("big.frames-3.hdf5")));
        assertSameRows(source, FrameDatasetReader.read(out));
        int[] chosen = DownSampler.choose(source.episodeLengths(), 0.3, 1, DownSampler.Weighting.BY_LENGTH);
        assertSameRows(source.selectEpisodes(chosen), FrameDatasetReader.read(out, 0.3, 1, DownSampler.Weighting.BY_LENGTH));
        assertTrue(FrameDatasetReader.isFrameDataset(out));
    }

    @Test
    void d4rlAtariStyleFileWithoutTimeoutsDropsTheUnfinishedTail(@TempDir Path tmp) {
        Path file = tmp.resolve("breakout-medium-v0.hdf5");
        write(file, hdf -> {
            hdf.putDataset("observations", frames(7), DatasetCreationOptions.builder().unsigned().build());
            hdf.putDataset("actions", new int[] {0, 1, 2, 3, 0, 1, 2});
            hdf.putDataset("rewards", new float[] {0, 1, 0, 1, 1, 0, 0});
            hdf.putDataset("terminals", new byte[] {0, 0, 1, 0, 1, 0, 0});
        });
        assertTrue(FrameDatasetReader.isFrameDataset(file));
        FrameDataset d = FrameDatasetReader.read(file);
        assertEquals(5, d.size());
        assertArrayEquals(new int[] {3, 2}, d.episodeLengths());
        assertEquals(2, d.metadata().droppedSteps());
        assertEquals("breakout", d.metadata().envId());
        assertEquals(4, d.actionCount(), "Breakout's action set, from the file name");
        assertEquals(4, d.frameStack());
        byte[] stack = new byte[d.stackBytes()];
        d.copyStack(4, StackPadding.ZEROS, stack, 0);
        assertEquals(0, stack[0]);
        assertEquals(4, stack[2 * 6], "frame of row 3 (value 4), then row 4");
        assertEquals(5, stack[3 * 6]);
    }

    @Test
    void badFilesFailWithTheFileKeyAndWhatWasExpected(@TempDir Path tmp) {
        Path floats = tmp.resolve("floats.hdf5");
        write(floats, hdf -> {
            hdf.putDataset("observations", new float[3][2][3]);
            hdf.putDataset("actions", new int[3]);
            hdf.putDataset("rewards", new float[3]);
            hdf.putDataset("terminals", new byte[] {0, 0, 1});
        });
        assertFalse(FrameDatasetReader.isFrameDataset(floats));
        assertMessage(floats, "'observations' is float [3, 2, 3], expected (N, height, width) uint8 single frames");

        Path noActions = tmp.resolve("no-actions.hdf5");
        write(noActions, hdf -> {
            hdf.putDataset("observations", frames(3));
            hdf.putDataset("rewards", new float[3]);
            hdf.putDataset("terminals", new byte[] {0, 0, 1});
        });
        assertMessage(noActions, "missing dataset 'actions'");

        Path shortRewards = tmp.resolve("short.hdf5");
        write(shortRewards, hdf -> {
            hdf.putDataset("observations", frames(3));
            hdf.putDataset("actions", new int[3]);
            hdf.putDataset("rewards", new float[2]);
            hdf.putDataset("terminals", new byte[] {0, 0, 1});
        });
        assertMessage(shortRewards, "'rewards' has shape [2], expected (3,)");

        Path fractional = tmp.resolve("fractional.hdf5");
        write(fractional, hdf -> {
            hdf.putDataset("observations", frames(3));
            hdf.putDataset("actions", new float[] {0, 0.5f, 1});
            hdf.putDataset("rewards", new float[3]);
            hdf.putDataset("terminals", new byte[] {0, 0, 1});
        });
        assertMessage(fractional, "'actions' row 1 is 0.5, expected a discrete action");

        Path outOfRange = tmp.resolve("range.hdf5");
        write(outOfRange, hdf -> {
            hdf.putDataset("observations", frames(3));
            hdf.putDataset("actions", new int[] {0, -1, 1});
            hdf.putDataset("rewards", new float[3]);
            hdf.putDataset("terminals", new byte[] {0, 0, 1});
        });
        assertMessage(outOfRange, "'actions' row 1 is -1, expected an action in [0, 2)");

        Path noFlags = tmp.resolve("open.hdf5");
        write(noFlags, hdf -> {
            hdf.putDataset("observations", frames(3));
            hdf.putDataset("actions", new int[3]);
            hdf.putDataset("rewards", new float[3]);
            hdf.putDataset("terminals", new byte[3]);
        });
        assertMessage(noFlags, "no complete episode");
        assertMessage(tmp.resolve("absent.hdf5"), "file not found");
    }

    @Test
    void missingPartFileIsNamed(@TempDir Path tmp) throws Exception {
        FrameDataset source = FrameDatasetReader.read(breakout, 0.3, 0, DownSampler.Weighting.BY_LENGTH);
        Path out = tmp.resolve("parts.hdf5");
        FrameDatasetWriter w = new FrameDatasetWriter(out, 84, 84, 100);
        byte[] frame = new byte[84 * 84];
        for (int i = 0; i < source.size(); i++) {
            source.frames().copy(i, frame, 0);
            w.append(frame, 0, source.action(i), source.reward(i), source.terminated(i), source.truncated(i));
        }
        w.finish(source.metadata(), source.actionCount(), source.frameStack(), null);
        Files.delete(tmp.resolve("parts.frames-1.hdf5"));
        assertMessage(out, "frame part file " + tmp.resolve("parts.frames-1.hdf5") + " not found");
    }

    private static void assertMessage(Path file, String expected) {
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> FrameDatasetReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    /** n frames of 2×3, every byte of frame i equal to i + 1. */
    private static byte[][][] frames(int n) {
        byte[][][] f = new byte[n][2][3];
        for (int i = 0; i < n; i++) {
            for (byte[] row : f[i]) {
                Arrays.fill(row, (byte) (i + 1));
            }
        }
        return f;
    }

    private static void write(Path file, Consumer<WritableHdfFile> content) {
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            content.accept(hdf);
        }
    }

    static void assertSameRows(FrameDataset expected, FrameDataset actual) {
        assertEquals(expected.size(), actual.size());
        assertArrayEquals(expected.episodeLengths(), actual.episodeLengths());
        byte[] a = new byte[expected.stackBytes()];
        byte[] b = new byte[actual.stackBytes()];
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.action(i), actual.action(i), "action " + i);
            assertEquals(expected.reward(i), actual.reward(i), "reward " + i);
            assertEquals(expected.terminated(i), actual.terminated(i), "terminal " + i);
            assertEquals(expected.truncated(i), actual.truncated(i), "timeout " + i);
            expected.copyStack(i, StackPadding.ZEROS, a, 0);
            actual.copyStack(i, StackPadding.ZEROS, b, 0);
            assertArrayEquals(a, b, "stack " + i);
        }
    }
}
