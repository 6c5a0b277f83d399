package dev.lamo.envs.data;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class D4rlReaderTest {

    private static final Path HOPPER = Fixtures.DIR.resolve("d4rl_hopper_small.hdf5");
    private static final Path KITCHEN = Fixtures.DIR.resolve("d4rl_kitchen_small.hdf5");

    @Test
    void readsTheH5pyWrittenD4rlLayoutExactly() {
        JsonNode exp = Fixtures.expected().get("d4rl_hopper");
        TrajectoryDataset d = D4rlReader.read(HOPPER);
        int kept = 240; // 60 + 100 + 50 + 30; the 17 unflagged trailing rows are dropped
        assertEquals(kept, d.size());
        assertEquals(17, d.metadata().droppedSteps());
        assertArrayEquals(new int[] {60, 100, 50, 30}, d.episodeLengths());
        assertArrayEquals(Fixtures.prefix(Fixtures.floats(exp.get("observations")), kept * 11), d.observations().toArray());
        assertArrayEquals(Fixtures.prefix(Fixtures.floats(exp.get("next_observations")), kept * 11), d.nextObservations().toArray());
        assertArrayEquals(Fixtures.prefix(Fixtures.floats(exp.get("actions")), kept * 3), d.actions().toArray());
        assertArrayEquals(Fixtures.prefix(Fixtures.floats(exp.get("rewards")), kept), d.rewards());
        assertArrayEquals(Arrays.copyOf(Fixtures.doubles(exp.get("qpos")), kept * 6), d.infos().get("qpos").values());
        assertArrayEquals(Arrays.copyOf(Fixtures.doubles(exp.get("qvel")), kept * 6), d.infos().get("qvel").values());
        // h5py booleans: terminal, timeout, both (counts as terminal), terminal
        assertTrue(d.episodeTerminated(0));
        assertFalse(d.episodeTerminated(1));
        assertTrue(d.truncated(159));
        assertTrue(d.episodeTerminated(2));
        assertFalse(d.truncated(209));
        assertTrue(d.episodeTerminated(3));
        assertEquals("d4rl", d.metadata().format());
        assertEquals("SAC", d.metadata().behavior());
        assertEquals(1000, ((Number) d.metadata().extra().get("metadata/iteration")).intValue());
        assertEquals(Sha256.of(HOPPER), d.metadata().sourceSha256());
        assertEquals(64, d.metadata().sourceSha256().length());
    }

    @Test
    void keepsTheTrailingSegmentWhenAsked() {
        TrajectoryDataset d = D4rlReader.read(HOPPER, new D4rlReader.Options(0, true));
        assertEquals(257, d.size());
        assertEquals(5, d.episodes());
        assertEquals(17, d.episodeLength(4));
        assertTrue(d.truncated(256));
        assertEquals(0, d.metadata().droppedSteps());
    }

    /**
     * LaMo's split of the same file: qlearning_dataset drops the timeout row 159, the terminal-and-timeout row 209
     * (its timeout check comes first) and the last row 256; the cuts then fall at terminals only, so episodes 2-4
     * run together into one trajectory of 99 + 49 + 30 steps, and the 16 unflagged rows left at the end drop.
     */
    @Test
    void lamosSplitKeepsQlearningDatasetsRowsAndCutsAtTerminals() {
        JsonNode exp = Fixtures.expected().get("d4rl_hopper");
        TrajectoryDataset d = D4rlReader.read(HOPPER, new D4rlReader.Options(0, false, 0, true));
        assertArrayEquals(new int[] {60, 178}, d.episodeLengths());
        assertEquals(3 + 16, d.metadata().droppedSteps());
        assertTrue(d.episodeTerminated(0));
        assertTrue(d.episodeTerminated(1));
        float[] obs = Fixtures.floats(exp.get("observations"));
        float[] read = d.observations().toArray();
        assertArrayEquals(Arrays.copyOfRange(obs, 158 * 11, 159 * 11), Arrays.copyOfRange(read, 158 * 11, 159 * 11));
        assertArrayEquals(Arrays.copyOfRange(obs, 160 * 11, 161 * 11), Arrays.copyOfRange(read, 159 * 11, 160 * 11),
                "row 159 (a timeout) is gone");
        double[] qpos = Fixtures.doubles(exp.get("qpos"));
        assertArrayEquals(Arrays.copyOfRange(qpos, 210 * 6, 211 * 6), Arrays.copyOfRange(d.infos().get("qpos").values(), 208 * 6, 209 * 6));
    }

    @Test
    void qlearningRowsWithoutTimeoutsDropEachThousandthStepAndTheLastRow() {
        boolean[] terminals = new boolean[2005];
        int[] kept = QlearningRows.kept(terminals, null, 1000);
        assertEquals(2002, kept.length);
        assertEquals(998, kept[998]);
        assertEquals(1000, kept[999], "step 999 of the first episode is its final timestep");
        assertEquals(2000, kept[1998], "and step 999 counted again from the row after it");
        assertEquals(2003, kept[kept.length - 1]);
        terminals[10] = true; // a terminal restarts the count and is kept
        int[] withTerminal = QlearningRows.kept(terminals, null, 1000);
        assertEquals(10, withTerminal[10]);
        // d4rl resets its step count on the terminal row and then counts that row: row 1009 is "step 999"
        assertEquals(1008, withTerminal[1008]);
        assertEquals(1010, withTerminal[1009]);
    }

    @Test
    void readsKitchenFloatTerminalsWithoutTimeoutsAndCutsAtAMaximumLength() {
        JsonNode exp = Fixtures.expected().get("d4rl_kitchen");
        TrajectoryDataset whole = D4rlReader.read(KITCHEN);
        assertArrayEquals(new int[] {30, 70}, whole.episodeLengths(), "without timeouts the unflagged episode runs on");
        TrajectoryDataset cut = D4rlReader.read(KITCHEN, new D4rlReader.Options(45, false));
        assertArrayEquals(new int[] {30, 45, 25}, cut.episodeLengths());
        assertTrue(cut.episodeTerminated(0));
        assertFalse(cut.episodeTerminated(1));
        assertTrue(cut.episodeTerminated(2));
        assertEquals(60, cut.observationSize());
        assertEquals(9, cut.actionSize());
        assertArrayEquals(Fixtures.floats(exp.get("observations")), cut.observations().toArray());
        assertNull(cut.nextObservations());
        assertArrayEquals(cut.observations().row(31), cut.nextObservation(30));
    }

    // --- bad input ---

    @Test
    void truncatedFileIsReportedAsUnreadable(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.hdf5");
        byte[] bytes = Files.readAllBytes(HOPPER);
        Files.write(broken, Arrays.copyOf(bytes, bytes.length / 3));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> D4rlReader.read(broken));
        assertTrue(e.getMessage().startsWith(broken.toString()), e.getMessage());
        Path notHdf = dir.resolve("text.hdf5");
        Files.writeString(notHdf, "hello");
        DatasetFormatException e2 = assertThrows(DatasetFormatException.class, () -> D4rlReader.read(notHdf));
        assertTrue(e2.getMessage().contains("not a readable HDF5 file"), e2.getMessage());
    }

    private static Path write(Path file, java.util.function.Consumer<WritableHdfFile> content) {
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            content.accept(hdf);
        }
        return file;
    }

    @Test
    void missingKeyIsNamed(@TempDir Path dir) {
        Path f = write(dir.resolve("norewards.hdf5"), h -> {
            h.putDataset("observations", new float[][] {{1, 2}, {3, 4}});
            h.putDataset("actions", new float[][] {{1}, {2}});
            h.putDataset("terminals", new byte[] {0, 1});
        });
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> D4rlReader.read(f));
        assertTrue(e.getMessage().startsWith(f + ": missing dataset 'rewards'"), e.getMessage());
    }

    @Test
    void disagreeingLengthsAreNamed(@TempDir Path dir) {
        Path f = write(dir.resolve("short.hdf5"), h -> {
            h.putDataset("observations", new float[][] {{1, 2}, {3, 4}, {5, 6}});
            h.putDataset("actions", new float[][] {{1}, {2}});
            h.putDataset("rewards", new float[] {0, 0, 0});
            h.putDataset("terminals", new byte[] {0, 0, 1});
        });
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> D4rlReader.read(f));
        assertEquals(f + ": 'actions' has 2 rows but 'observations' has 3", e.getMessage());
    }

    @Test
    void nonFiniteValuesAreLocated(@TempDir Path dir) {
        Path f = write(dir.resolve("nan.hdf5"), h -> {
            h.putDataset("observations", new float[][] {{1, 2}, {3, Float.NaN}});
            h.putDataset("actions", new float[][] {{1}, {2}});
            h.putDataset("rewards", new float[] {0, 0});
            h.putDataset("terminals", new byte[] {0, 1});
        });
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> D4rlReader.read(f));
        assertEquals(f + ": 'observations' row 1 column 1 is NaN; expected finite values", e.getMessage());
        Path inf = write(dir.resolve("inf.hdf5"), h -> {
            h.putDataset("observations", new float[][] {{1, 2}, {3, 4}});
            h.putDataset("actions", new float[][] {{1}, {2}});
            h.putDataset("rewards", new float[] {Float.POSITIVE_INFINITY, 0});
            h.putDataset("terminals", new byte[] {0, 1});
        });
        DatasetFormatException e2 = assertThrows(DatasetFormatException.class, () -> D4rlReader.read(inf));
        assertEquals(inf + ": 'rewards' row 0 is Infinity; expected finite values", e2.getMessage());
    }

    @Test
    void aFileWithoutAnyCompleteEpisodeIsRejected(@TempDir Path dir) {
        Path f = write(dir.resolve("open.hdf5"), h -> {
            h.putDataset("observations", new float[][] {{1, 2}, {3, 4}});
            h.putDataset("actions", new float[][] {{1}, {2}});
            h.putDataset("rewards", new float[] {0, 0});
            h.putDataset("terminals", new byte[] {0, 0});
        });
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> D4rlReader.read(f));
        assertTrue(e.getMessage().startsWith(f + ": no complete episode"), e.getMessage());
    }
}
