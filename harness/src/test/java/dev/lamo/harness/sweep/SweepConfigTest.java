package dev.lamo.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepConfigTest {

    @TempDir
    Path dir;

    private SweepConfig read(String json) throws Exception {
        Path file = dir.resolve("sweep.json");
        Files.writeString(file, json);
        return SweepConfig.read(file);
    }

    @Test
    void aTaskReplacesTheFileScheduleAndRatiosForItsOwnCellsOnly() throws Exception {
        SweepConfig c = read("""
                {"algorithms": ["dt", "lamo-nopt"], "seeds": [0, 1, 2],
                 "ratios": [0.005], "steps": 10000, "eval_every": 2500, "eval_episodes": 20,
                 "tasks": [{"env": "reacher2d", "data": "r.hdf5", "ratios": [0.1, 0.3], "steps": 37500,
                            "eval_every": 2500, "eval_episodes": 100},
                           {"env": "hopper", "data": "h.hdf5"}]}""");
        SweepConfig.Task reacher = c.tasks().get(0);
        SweepConfig.Task hopper = c.tasks().get(1);
        assertEquals(List.of(0.1, 0.3), reacher.ratios());
        assertEquals(new SweepConfig.Schedule(37500, 2500, 100), reacher.schedule());
        assertEquals(15, reacher.schedule().evaluations());
        assertEquals(List.of(0.005), hopper.ratios());
        assertEquals(new SweepConfig.Schedule(10000, 2500, 20), hopper.schedule());
        List<SweepCell> cells = c.cells();
        assertEquals(2 * 3 * 2 + 1 * 3 * 2, cells.size());
        assertEquals(12, cells.stream().filter(x -> x.task() == reacher).count());
        assertEquals(List.of(0.005), cells.stream().filter(x -> x.task() == hopper).map(SweepCell::ratio).distinct().toList());
    }

    @Test
    void theFileLevelScheduleMayBeLeftOutWhenEveryTaskSetsItsOwn() throws Exception {
        SweepConfig c = read("""
                {"algorithms": ["dt"], "seeds": [0],
                 "tasks": [{"env": "reacher2d", "data": "r.hdf5", "ratios": [1], "steps": 50, "eval_every": 25}]}""");
        assertEquals(new SweepConfig.Schedule(50, 25, 10), c.tasks().get(0).schedule());
    }

    @Test
    void aMissingScheduleNamesTheKeyAndWhereItMayBeSet() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("""
                {"algorithms": ["dt"], "seeds": [0], "ratios": [1], "eval_every": 5,
                 "tasks": [{"env": "reacher2d", "data": "r.hdf5"}]}"""));
        assertEquals(dir.resolve("sweep.json") + ": missing key 'steps' (at the top level or in tasks[0])", e.getMessage());
    }

    @Test
    void badTaskKeysAndValuesAreNamedWithTheirTask() throws Exception {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> read("""
                {"algorithms": ["dt"], "seeds": [0], "ratios": [1], "steps": 10, "eval_every": 5,
                 "tasks": [{"env": "reacher2d", "data": "r.hdf5"}, {"env": "hopper", "data": "h.hdf5", "stpes": 3}]}"""));
        assertEquals(dir.resolve("sweep.json") + ": tasks[1]: unknown key 'stpes' (expected one of "
                + "[data, env, eval_episodes, eval_every, ratios, steps])", unknown.getMessage());
        IllegalArgumentException ratio = assertThrows(IllegalArgumentException.class, () -> read("""
                {"algorithms": ["dt"], "seeds": [0], "steps": 10, "eval_every": 5,
                 "tasks": [{"env": "reacher2d", "data": "r.hdf5", "ratios": [0]}]}"""));
        assertEquals(dir.resolve("sweep.json") + ": tasks[0].ratios: expected values in (0, 1], found 0.0", ratio.getMessage());
        IllegalArgumentException steps = assertThrows(IllegalArgumentException.class, () -> read("""
                {"algorithms": ["dt"], "seeds": [0], "ratios": [1], "steps": 10, "eval_every": 5,
                 "tasks": [{"env": "reacher2d", "data": "r.hdf5", "steps": -4}]}"""));
        assertEquals(dir.resolve("sweep.json") + ": tasks[0].steps: expected a positive integer, found -4", steps.getMessage());
    }
}
