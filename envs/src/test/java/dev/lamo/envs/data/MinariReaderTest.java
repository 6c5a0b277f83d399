package dev.lamo.envs.data;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinariReaderTest {

    private static void assertEpisodesMatch(JsonNode episodes, TrajectoryDataset d) {
        assertEquals(episodes.size(), d.episodes());
        for (int e = 0; e < episodes.size(); e++) {
            JsonNode ep = episodes.get(e);
            float[] obs = Fixtures.floats(ep.get("observations")); // T+1 rows
            int t = ep.get("actions").size();
            int dim = d.observationSize();
            assertEquals(t, d.episodeLength(e));
            int start = d.episodeStart(e);
            for (int r = 0; r < t; r++) {
                for (int c = 0; c < dim; c++) {
                    assertEquals(obs[r * dim + c], d.observations().get(start + r, c), "episode " + e + " row " + r);
                    assertEquals(obs[(r + 1) * dim + c], d.nextObservations().get(start + r, c), "next, episode " + e);
                }
            }
            float[] actions = Fixtures.floats(ep.get("actions"));
            for (int r = 0; r < t; r++) {
                assertEquals(actions[2 * r], d.actions().get(start + r, 0));
                assertEquals(actions[2 * r + 1], d.actions().get(start + r, 1));
                assertEquals((float) ep.get("rewards").get(r).asDouble(), d.reward(start + r));
            }
            assertEquals(ep.get("terminated").asBoolean(), d.episodeTerminated(e));
        }
    }

    @Test
    void readsBoxObservationsWithTheirFinalObservation() {
        TrajectoryDataset d = Datasets.open(Fixtures.DIR.resolve("minari_box"));
        assertEquals("minari", d.metadata().format());
        assertEquals("pointmaze/box-v0", d.metadata().datasetId());
        assertEquals("QIteration", d.metadata().behavior());
        assertEquals(3, d.observationSize());
        assertEquals(-5.0, d.metadata().extra().get("ref_min_score"));
        assertEquals(List.of(100L, 101L, 102L), d.metadata().extra().get("episode_seeds"));
        assertEpisodesMatch(Fixtures.expected().get("pointmaze/box-v0").get("episodes"), d);
    }

    @Test
    void flattensDictionaryObservationsInSortedKeyOrder() {
        TrajectoryDataset d = MinariReader.read(Fixtures.DIR.resolve("minari_dict"));
        assertEquals(8, d.observationSize());
        assertEquals(List.of("achieved_goal", "desired_goal", "observation"), d.metadata().observationSpace().get("flatten_order"));
        assertEpisodesMatch(Fixtures.expected().get("pointmaze/dict-v0").get("episodes"), d);
    }

    @Test
    void aFolderThatIsNoMinariDatasetIsRejected() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Datasets.open(Path.of("src/test")));
        assertTrue(e.getMessage().contains("not a Minari dataset"), e.getMessage());
    }
}
