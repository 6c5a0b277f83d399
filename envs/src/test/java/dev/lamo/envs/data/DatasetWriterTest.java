package dev.lamo.envs.data;

import static org.junit.jupiter.api.Assertions.*;

import dev.lamo.envs.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetWriterTest {

    private static TrajectoryDataset source() {
        TrajectoryDataset d = D4rlReader.read(Fixtures.DIR.resolve("d4rl_hopper_small.hdf5"), new D4rlReader.Options(0, true));
        return d.withMetadata(d.metadata().withDatasetId("fixture-hopper").withEnv("hopper", "v2")
                .withBehavior("scripted", Map.of("noise", 0.1), 42.5, 7L));
    }

    @Test
    void roundTripsEveryValueAndTheMetadata(@TempDir Path dir) throws Exception {
        TrajectoryDataset original = source();
        Path out = dir.resolve("ours.hdf5");
        DatasetWriter.write(original, out);
        TrajectoryDataset back = D4rlReader.read(out);
        assertEquals(original.observations(), back.observations());
        assertEquals(original.nextObservations(), back.nextObservations());
        assertEquals(original.actions(), back.actions());
        assertArrayEquals(original.rewards(), back.rewards());
        assertArrayEquals(original.episodeLengths(), back.episodeLengths());
        for (int e = 0; e < original.episodes(); e++) {
            assertEquals(original.episodeTerminated(e), back.episodeTerminated(e));
        }
        assertEquals(original.infos(), back.infos());
        DatasetMetadata m = back.metadata();
        assertEquals("lamo", m.format());
        assertEquals("fixture-hopper", m.datasetId());
        assertEquals("hopper", m.envId());
        assertEquals("scripted", m.behavior());
        assertEquals(0.1, m.behaviorDetails().get("noise"));
        assertEquals(42.5, m.behaviorScore());
        assertEquals(7L, m.generationSeed());
        assertEquals(Sha256.of(out), m.sourceSha256());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void identicalDataGiveByteIdenticalFiles(@TempDir Path dir) throws Exception {
        DatasetWriter.write(source(), dir.resolve("a.hdf5"));
        DatasetWriter.write(source(), dir.resolve("b.hdf5"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.hdf5")), Files.readAllBytes(dir.resolve("b.hdf5")));
    }

    @Test
    void h5pyReadsOurFiles(@TempDir Path dir) throws Exception {
        TrajectoryDataset original = source();
        Path out = dir.resolve("ours.hdf5");
        DatasetWriter.write(original, out);
        Map<String, Object> arrays = new LinkedHashMap<>();
        arrays.put("observations", rows(original.observations()));
        arrays.put("actions", rows(original.actions()));
        arrays.put("rewards", original.rewards());
        int[] terminals = new int[original.size()];
        int[] timeouts = new int[original.size()];
        for (int i = 0; i < terminals.length; i++) {
            terminals[i] = original.terminated(i) ? 1 : 0;
            timeouts[i] = original.truncated(i) ? 1 : 0;
        }
        arrays.put("terminals", terminals);
        arrays.put("timeouts", timeouts);
        DoubleMatrix qpos = original.infos().get("qpos");
        double[][] qposRows = new double[qpos.rows()][];
        for (int r = 0; r < qposRows.length; r++) {
            qposRows[r] = qpos.row(r);
        }
        arrays.put("infos/qpos", qposRows);
        Map<String, Object> expected = Map.of("arrays", arrays, "metadata",
                Map.of("dataset_id", "fixture-hopper", "env_id", "hopper", "generation_seed", 7, "behavior", "scripted"));
        Path json = dir.resolve("expected.json");
        Files.writeString(json, Json.write(expected));
        Process p = new ProcessBuilder(Fixtures.python(), Fixtures.SCRIPT.toString(), "check-ours", out.toString(), json.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "h5py check failed: " + output);
        assertEquals("ok", output.strip());
    }

    private static float[][] rows(FloatMatrix m) {
        float[][] out = new float[(int) m.rows()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = m.row(r);
        }
        return out;
    }
}
