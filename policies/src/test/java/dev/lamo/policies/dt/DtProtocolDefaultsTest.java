package dev.lamo.policies.dt;

import dev.lamo.policies.run.TrainingRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lamo.policies.run.RunDirectory;
import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.results.records.RunConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paper protocol's defaults as a run records them: no held-out episodes, and a complete dt-original. */
class DtProtocolDefaultsTest {

    @TempDir
    static Path shared;
    static Path data;

    @BeforeAll
    static void fixtures() {
        data = TinyFixtures.reacherData(shared, 24); // above the 20 episodes a held-out split needs
    }

    private static RunConfig trainOneStep(Path out, List<String> sets) {
        DtTrainer.train(new TrainingRequest("dt", null, "reacher2d", data, null, null, null, null, 1L, 0, out, false, sets, 0),
                List.of(), TrainingProgress.NONE);
        return RunDirectory.open(out).config();
    }

    private static double number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    @Test
    void everyEpisodeTrainsByDefaultAndAHeldOutSplitOnlyWhenAsked(@TempDir Path dir) {
        RunConfig plain = trainOneStep(dir.resolve("plain"), List.of("batch_size=4"));
        assertEquals(0.0, number(plain.hyperparameters(), "validation_fraction"));
        assertEquals(0, plain.facts().validationEpisodes().intValue());
        RunConfig held = trainOneStep(dir.resolve("held"), List.of("batch_size=4", "validation_fraction=0.1"));
        assertEquals(2, held.facts().validationEpisodes().intValue());
    }

    @Test
    void dtOriginalBringsTheOriginalCodesOptimiserSettingsAndOverridesStillWin(@TempDir Path dir) {
        Map<String, Object> original = trainOneStep(dir.resolve("original"), List.of("batch_size=4", "variant=dt-original"))
                .hyperparameters();
        assertEquals("dt-original", original.get("variant"));
        assertEquals(1e-4, number(original, "weight_decay"));
        assertEquals(10_000, number(original, "warmup_steps"));
        assertEquals(1e-8, number(original, "adam_eps"));
        Map<String, Object> lamoCodes = trainOneStep(dir.resolve("dt"), List.of("batch_size=4")).hyperparameters();
        assertEquals("dt", lamoCodes.get("variant"));
        assertEquals(1e-5, number(lamoCodes, "weight_decay"));
        assertEquals(2500, number(lamoCodes, "warmup_steps"));
        assertEquals(1e-6, number(lamoCodes, "adam_eps"));
        Map<String, Object> overridden = trainOneStep(dir.resolve("overridden"),
                List.of("batch_size=4", "variant=dt-original", "warmup_steps=100")).hyperparameters();
        assertEquals(100, number(overridden, "warmup_steps"));
        assertEquals(1e-4, number(overridden, "weight_decay"));
    }

    @Test
    void theAtariPresetsDtIsLamosThreeLayerOneHead768WideBaseline() {
        for (dev.lamo.envs.arcade.ArcadeTitle game : dev.lamo.envs.arcade.ArcadeTitle.values()) {
            DtConfig dt = DtConfig.arcade("dt", game);
            assertEquals(3, dt.dtLayers());
            assertEquals(1, dt.dtHeads());
            assertEquals(768, dt.dtHidden());
            assertEquals(0.0, dt.validationFraction());
        }
        assertEquals(128, DtConfig.dt().dtHidden());
    }
}
