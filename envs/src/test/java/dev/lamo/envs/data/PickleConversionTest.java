package dev.lamo.envs.data;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/pkl2hdf5.py turns DT/LaMo pickled trajectory lists into files our reader takes exactly. */
class PickleConversionTest {

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void convertedPickleReadsBackExactly(@TempDir Path dir) throws Exception {
        Path pkl = dir.resolve("hopper-medium-0.1-d1-v2.pkl");
        Path json = dir.resolve("values.json");
        Path out = dir.resolve("converted.hdf5");
        run(Fixtures.python(), Fixtures.SCRIPT.toString(), "make-pickle", pkl.toString(), json.toString());
        run(Fixtures.python(), "../scripts/pkl2hdf5.py", pkl.toString(), out.toString(), "--env", "hopper");
        TrajectoryDataset d = D4rlReader.read(out);
        JsonNode trajectories = Json.mapper().readTree(json.toFile());
        assertEquals(3, d.episodes());
        assertEquals("hopper-medium-0.1-d1-v2", d.metadata().datasetId());
        assertEquals("hopper", d.metadata().envId());
        for (int e = 0; e < 3; e++) {
            JsonNode t = trajectories.get(e);
            int n = t.get("rewards").size();
            assertEquals(n, d.episodeLength(e));
            assertEquals(e == 1, d.episodeTerminated(e), "only the middle trajectory ends terminated");
            float[] obs = Fixtures.floats(t.get("observations"));
            float[] next = Fixtures.floats(t.get("next_observations"));
            float[] act = Fixtures.floats(t.get("actions"));
            int start = d.episodeStart(e);
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < 11; c++) {
                    assertEquals(obs[r * 11 + c], d.observations().get(start + r, c));
                    assertEquals(next[r * 11 + c], d.nextObservations().get(start + r, c));
                }
                for (int c = 0; c < 3; c++) {
                    assertEquals(act[r * 3 + c], d.actions().get(start + r, c));
                }
                assertEquals((float) t.get("rewards").get(r).asDouble(), d.reward(start + r));
            }
        }
    }
}
