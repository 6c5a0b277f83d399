package dev.lamo.harness.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.harness.dashboard.Views.RunRow;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardTest {

    @TempDir
    Path root;

    private static Dashboard caughtUp(Dashboard d, Instant now) {
        d.poll(now);
        while (!d.caughtUp()) {
            d.poll(now);
        }
        return d;
    }

    @Test
    void findsRunsEvaluationsSweepsAndBenchRecordsWithTheirStates() throws Exception {
        Instant now = Instant.now();
        ResultFolders.scene(root, now);
        Dashboard d = caughtUp(new Dashboard(List.of(root), Dashboard.Settings.defaults()), now);
        Views.Snapshot s = d.snapshot();
        Map<String, RunRow> runs = s.runs().stream().collect(Collectors.toMap(RunRow::id, Function.identity()));
        RunRow running = runs.get("0/runs/dt-hopper-s0");
        assertEquals("running", running.state());
        assertFalse(running.stateInferred());
        assertEquals(500, running.step());
        assertEquals(1000, running.totalSteps());
        assertEquals(30.0, running.etaSeconds());
        assertEquals("dt", running.algorithm());
        RunRow old = runs.get("0/runs/lamo-hopper-s1");
        assertEquals("interrupted", old.state());
        assertTrue(old.stateInferred());
        assertEquals(0.1, old.ratio());
        RunRow failed = runs.get("0/runs/cql-hopper-s0");
        assertEquals("failed", failed.state());
        assertEquals("non-finite gradients at step 120", failed.reason());
        // a running job whose heartbeat stopped reads as interrupted
        assertEquals("interrupted", runs.get("0/sweep-results/runs/dt-hopper-medium-r1-s1").state());

        Views.EvaluationRow live = s.evaluations().stream().filter(e -> e.id().equals("0/runs/dt-hopper-s0/eval")).findFirst().orElseThrow();
        assertEquals(20, live.episodes());
        assertEquals(5200.0, live.envStepsPerSecond());
        assertEquals(4.2, live.forwardP99Ms());
        assertEquals(Map.of("simulator error: NaN in qacc", 4L), live.failureReasons());
        Views.TargetProgress t = live.targets().stream().filter(p -> p.checkpointStep() == 500 && "3600".equals(p.target()))
                .findFirst().orElseThrow();
        assertEquals(2, t.episodes());
        assertEquals(1, t.failures());
        assertEquals(55 + 0.5 + 3.6, t.scoreMean(), 1e-9);
        assertEquals(0.5, t.scoreStd(), 1e-9);
        Views.EvaluationRow standalone = s.evaluations().stream().filter(e -> e.id().equals("0/evals/dt-final")).findFirst().orElseThrow();
        assertEquals("finished", standalone.state());
        assertEquals("pytorch", standalone.runtime());
        assertEquals("cpu", standalone.device());

        Views.SweepRow sweep = s.sweeps().get(0);
        assertEquals(4, sweep.cells());
        assertEquals(1, sweep.done());
        assertEquals(1, sweep.running());
        assertEquals(1, sweep.pending());
        assertEquals(1, sweep.failed());
        assertNotNull(sweep.table(), sweep.tableProblem());
        assertTrue(sweep.table().contains("| hopper"), sweep.table());

        assertEquals(2, s.benchmarks().size());
        assertTrue(s.benchmarks().stream().anyMatch(b -> "cuda:0".equals(b.device()) && b.envStepsPerSecond().get(3) == 30_000.0));
    }

    @Test
    void evaluationCurvesFollowAppendedEpisodesPerTarget() throws Exception {
        Instant now = Instant.now();
        ResultFolders.scene(root, now);
        Dashboard d = caughtUp(new Dashboard(List.of(root), Dashboard.Settings.defaults()), now);
        Views.RunDetail before = d.runDetail("0/runs/dt-hopper-s0", now).orElseThrow();
        assertEquals(4, before.evaluation().size());
        assertEquals(List.of(250.0, 500.0), before.evaluation().get("target 3600").x());
        ResultFolders.episodes(root.resolve("runs/dt-hopper-s0/eval"), 750, ResultFolders.HOPPER_TARGETS, 1, 80, null);
        ResultFolders.train(root.resolve("runs/dt-hopper-s0"), 550, 750, 50);
        caughtUp(d, now);
        Views.RunDetail after = d.runDetail("0/runs/dt-hopper-s0", now).orElseThrow();
        assertEquals(List.of(250.0, 500.0, 750.0), after.evaluation().get("target 3600").x());
        assertEquals(750.0, after.training().get("action_loss").x().get(after.training().get("action_loss").x().size() - 1));
        assertTrue(after.run().revision() > before.run().revision());
    }

    @Test
    void aMillionLineMetricsFileIsReadInBoundedPollsIntoABoundedCurve() throws Exception {
        Path run = root.resolve("big");
        ResultFolders.config(run, "dt", 1_000_000, 0, 1.0);
        try (BufferedWriter w = Files.newBufferedWriter(run.resolve("metrics.jsonl"))) {
            for (int i = 1; i <= 1_000_000; i++) {
                w.write("{\"step\":" + i + ",\"kind\":\"train\",\"action_loss\":" + (1.0 / i) + "}\n");
            }
            w.write("{\"step\":1000001,\"kind\":\"tr"); // cut by a crash
        }
        Dashboard d = new Dashboard(List.of(root), new Dashboard.Settings(1000, 1 << 20, 50, 1000));
        Instant now = Instant.now();
        d.poll(now);
        assertFalse(d.caughtUp(), "a 1 MiB read per chunk and a 50 ms budget cannot read ~40 MB in one poll");
        assertEquals(1, d.snapshot().runs().size(), "the snapshot goes out while the file is still being read");
        int polls = 1;
        while (!d.caughtUp()) {
            d.poll(now);
            polls++;
        }
        Views.Curve loss = d.runDetail("0/big", now).orElseThrow().training().get("action_loss");
        assertTrue(loss.x().size() <= 1001, "points " + loss.x().size());
        assertEquals(1_000_000.0, loss.x().get(loss.x().size() - 1));
        assertEquals(1_000_000, loss.appended());
        assertEquals(1_000_000, d.snapshot().runs().get(0).step());
        assertTrue(polls > 1);
    }

    @Test
    void aRunStartedAfterTheDashboardAppearsAtTheNextScan() throws Exception {
        Instant now = Instant.now();
        Dashboard d = caughtUp(new Dashboard(List.of(root), new Dashboard.Settings(1000, 4 << 20, 250, 0)), now);
        assertTrue(d.snapshot().runs().isEmpty());
        Path run = root.resolve("later/iql-hopper-s2");
        ResultFolders.config(run, "iql", 200, 2, 1.0);
        ResultFolders.train(run, 50, 100, 50);
        caughtUp(d, now);
        assertEquals(List.of("0/later/iql-hopper-s2"), d.snapshot().runs().stream().map(RunRow::id).toList());
        assertEquals(100, d.snapshot().runs().get(0).step());
    }

    @Test
    void malformedLinesAreCountedAndADeletedFolderDisappears() throws Exception {
        Instant now = Instant.now();
        ResultFolders.scene(root, now);
        Path run = root.resolve("runs/dt-hopper-s0");
        ResultFolders.append(run.resolve("metrics.jsonl"), "{broken\n[1,2]\n");
        ResultFolders.train(run, 550, 550, 50);
        Dashboard d = new Dashboard(List.of(root), new Dashboard.Settings(1000, 4 << 20, 250, 0));
        caughtUp(d, now);
        RunRow row = d.snapshot().runs().stream().filter(r -> r.id().equals("0/runs/dt-hopper-s0")).findFirst().orElseThrow();
        assertEquals(2, row.malformedLines());
        assertEquals(550, row.step());
        dev.lamo.envs.Folders.deleteRecursively(run);
        caughtUp(d, now);
        assertTrue(d.snapshot().runs().stream().noneMatch(r -> r.id().equals("0/runs/dt-hopper-s0")));
        assertTrue(d.runDetail("0/runs/dt-hopper-s0", now).isEmpty());
        Files.delete(root.resolve("sweep.json"));
        caughtUp(d, now);
        assertTrue(d.snapshot().sweeps().isEmpty());
    }

    @Test
    void idsThatLeaveTheResultsFoldersAreRefused() {
        Dashboard d = new Dashboard(List.of(root), Dashboard.Settings.defaults());
        for (String id : List.of("0/../etc", "0/runs/../../x", "1/run", "-1/x", "0//etc/passwd", "x/run", "0/a\\..\\b", "0/./a")) {
            assertThrows(Dashboard.PathRefusedException.class, () -> d.resolve(id), id);
        }
        assertEquals(root.toAbsolutePath().normalize().resolve("runs/a"), d.resolve("0/runs/a"));
    }
}
