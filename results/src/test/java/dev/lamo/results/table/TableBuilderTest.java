package dev.lamo.results.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.results.records.RecordFormatException;
import dev.lamo.results.stats.RobustAggregates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableBuilderTest {

    @TempDir
    Path root;

    /**
     * Two LaMo seeds at targets 10 and 20, evaluated at steps 50, 80, 90 and 100 of 100. With window:0.2 the
     * evaluations at 90 and 100 count (80 is the window's excluded start):
     * seed 0: target 10 → (50 + 70) / 2 = 60, target 20 → (10 + 20) / 2 = 15;
     * seed 1: target 10 → (80 + 90) / 2 = 85, target 20 → 100.
     * Means over seeds: target 10 → 72.5, target 20 → 57.5, so max reports target 10: 72.5 ± 12.5, although
     * seed 1 alone would prefer target 20 (choosing per seed would give 80).
     */
    private void writeLamo() {
        new RunFixture(root, "lamo", "hopper", 0)
                .eval(10.0, 50, 0, 0).eval(10.0, 80, 100, 100).eval(10.0, 90, 40, 60).eval(10.0, 100, 70, 70)
                .eval(20.0, 50, 0, 0).eval(20.0, 80, 0, 0).eval(20.0, 90, 10, 10).eval(20.0, 100, 20, 20).write();
        new RunFixture(root, "lamo", "hopper", 1)
                .eval(10.0, 50, 0, 0).eval(10.0, 80, 0, 0).eval(10.0, 90, 80, 80).eval(10.0, 100, 90, 90)
                .eval(20.0, 50, 0, 0).eval(20.0, 80, 0, 0).eval(20.0, 90, 100, 100).eval(20.0, 100, 100, 100).write();
    }

    private void writeDt() {
        new RunFixture(root, "dt", "hopper", 0).eval(10.0, 90, 30, 30).eval(10.0, 100, 50, 50).write();
        new RunFixture(root, "dt", "hopper", 1).eval(10.0, 90, 60, 60).eval(10.0, 100, 60, 60).write();
    }

    private ResultTable build(String checkpoint, String target) {
        return TableBuilder.build(EvaluatedRun.find(List.of(root)), new TableBuilder.Options(CheckpointRule.parse(checkpoint),
                TargetRule.parse(target), false, false, RobustAggregates.DEFAULT_REPETITIONS, 0));
    }

    @Test
    void windowRuleAndBestTargetOverSeeds() {
        writeLamo();
        Cell cell = build("window:0.2", "max").rows().get(0).cells().get("lamo");
        assertEquals(10.0, cell.target());
        assertEquals(72.5, cell.mean(), 1e-12);
        assertEquals(12.5, cell.std(), 1e-12);
        assertEquals(2, cell.seeds());
        assertEquals(60.0, cell.scoresBySeed().get(0L), 1e-12);
    }

    @Test
    void otherCheckpointRules() {
        writeLamo();
        // last: target 10 → 70, 90 (mean 80); target 20 → 20, 100 (mean 60)
        Cell last = build("last", "max").rows().get(0).cells().get("lamo");
        assertEquals(80, last.mean(), 1e-12);
        assertEquals(10, last.std(), 1e-12);
        // best: target 10 → 100, 90 (95); target 20 → 20, 100 (60)
        assertEquals(95, build("best", "max").rows().get(0).cells().get("lamo").mean(), 1e-12);
        // top:2: target 10 → (100 + 70) / 2, (90 + 80) / 2 = 85, 85
        Cell top = build("top:2", "max").rows().get(0).cells().get("lamo");
        assertEquals(85, top.mean(), 1e-12);
        assertEquals(0, top.std(), 1e-12);
        // window:25 steps = evaluations after step 75: target 10 → (100 + 50 + 70) / 3, (0 + 80 + 90) / 3
        assertEquals((220.0 / 3 + 170.0 / 3) / 2, build("window:25", "max").rows().get(0).cells().get("lamo").mean(), 1e-12);
        // fixed:20 with the window rule: 15 and 100
        Cell fixed = build("window:0.2", "fixed:20").rows().get(0).cells().get("lamo");
        assertEquals(20.0, fixed.target());
        assertEquals(57.5, fixed.mean(), 1e-12);
    }

    @Test
    void averageRowAndStatistics() {
        writeLamo();
        writeDt();
        new RunFixture(root, "lamo", "hopper", 0).dataset("hopper-medium-s0", 1.0, "abc")
                .eval(10.0, 90, 50, 50).eval(10.0, 100, 50, 50).write();
        ResultTable t = TableBuilder.build(EvaluatedRun.find(List.of(root)), new TableBuilder.Options(
                CheckpointRule.parse("window:0.2"), TargetRule.parse("max"), false, true, 2000, 0));
        assertEquals(List.of("lamo", "dt"), t.algorithms());
        assertEquals(2, t.rows().size());
        assertEquals(1.0, t.rows().get(0).ratio(), "largest ratio first");
        // lamo has both rows: (50 + 72.5) / 2; dt only one, so no average
        assertEquals(61.25, t.average().get("lamo"), 1e-12);
        assertNull(t.average().get("dt"));
        // IQM of lamo over {50} ∪ {60, 85}: 3 values, nothing cut: 65
        assertEquals(65, t.statistics().interquartileMean().get("lamo").estimate(), 1e-12);
        // P(LaMo > DT) on the one shared row: lamo {60, 85} vs dt {40, 60}: 60>40, 60=60, 85>40, 85>60 → 3.5 / 4
        TableStatistics.Improvement overDt = t.statistics().improvement("lamo", "dt").orElseThrow();
        assertEquals(0.875, overDt.probability().estimate(), 1e-12);
        assertEquals(1, overDt.rows());
        assertTrue(t.statistics().improvement("lamo", "lamo-nopt").isEmpty(), "no LaMo-nopt column, no comparison");
    }

    @Test
    void withALamoNoptColumnTheStatisticsAlsoCompareLamoWithIt() {
        writeLamo();
        writeDt();
        // lamo-nopt seeds score 70 and 95 (window:0.2 = the evaluations at steps 90 and 100)
        new RunFixture(root, "lamo", "hopper", 0).variant("lamo-nopt").eval(10.0, 90, 60, 80).eval(10.0, 100, 70, 70).write();
        new RunFixture(root, "lamo", "hopper", 1).variant("lamo-nopt").eval(10.0, 90, 95, 95).eval(10.0, 100, 90, 100).write();
        ResultTable t = TableBuilder.build(EvaluatedRun.find(List.of(root)), new TableBuilder.Options(
                CheckpointRule.parse("window:0.2"), TargetRule.parse("max"), false, true, 2000, 0));
        assertTrue(t.algorithms().contains("lamo-nopt"), t.algorithms().toString());
        // lamo {60, 85} vs lamo-nopt {70, 95}: 60<70, 60<95, 85>70, 85<95 → 1 / 4
        TableStatistics.Improvement overNopt = t.statistics().improvement("lamo", "lamo-nopt").orElseThrow();
        assertEquals(0.25, overNopt.probability().estimate(), 1e-12);
        assertEquals(0.875, t.statistics().improvement("lamo", "dt").orElseThrow().probability().estimate(), 1e-12);
        String md = TableFormat.MD.render(t);
        assertTrue(md.contains("- P(LaMo > LaMo-nopt): 0.25 ["), md);
        assertTrue(md.contains("- P(LaMo > DT): 0.88 ["), md);
    }

    @Test
    void paperColumnsOnlyForComparableTasks() {
        new RunFixture(root, "lamo", "hopper", 0).dataset("hopper-medium", 0.1, "abc").eval(10.0, 100, 50, 50).write();
        new RunFixture(root, "dt", "kitchen", 0).dataset("kitchen-complete", 1, "def").eval(10.0, 100, 50, 50).write();
        ResultTable t = TableBuilder.build(EvaluatedRun.find(List.of(root)), new TableBuilder.Options(
                CheckpointRule.parse("last"), TargetRule.parse("max"), true, false, 10, 0));
        Row hopper = t.rows().stream().filter(r -> r.env().equals("hopper")).findFirst().orElseThrow();
        assertEquals(73.7, hopper.paper().get("lamo").mean());
        assertEquals(3.5, hopper.paper().get("lamo").std());
        assertEquals("Table 3", hopper.paperSource());
        assertEquals(1, hopper.paper().size(), "only algorithms present in our table");
        Row kitchen = t.rows().stream().filter(r -> r.env().equals("kitchen")).findFirst().orElseThrow();
        assertTrue(kitchen.paper().isEmpty());
    }

    @Test
    void incomparableRunsAreRefused() {
        writeLamo();
        new RunFixture(root, "dt", "hopper", 0).episodesPerTarget(5).eval(10.0, 100, 50, 50).write();
        IncomparableRunsException e = assertThrows(IncomparableRunsException.class, () -> build("last", "max"));
        assertTrue(e.getMessage().contains("mixed protocols for hopper: 5 vs 2 episodes per target"), e.getMessage());
    }

    /** Two seeds of LaMo and one of DT at hopper, evaluated with the given largest batches and runtimes. */
    private ResultTable tableOf(String folder, int lamoBatch, String lamoRuntime, int dtBatch, String dtRuntime) {
        Path dir = root.resolve(folder);
        new RunFixture(dir, "lamo", "hopper", 0).forward(lamoBatch, lamoRuntime).eval(10.0, 100, 50, 50).write();
        new RunFixture(dir, "lamo", "hopper", 1).forward(lamoBatch, lamoRuntime).eval(10.0, 100, 60, 60).write();
        new RunFixture(dir, "dt", "hopper", 0).forward(dtBatch, dtRuntime).eval(10.0, 100, 40, 40).write();
        return TableBuilder.build(EvaluatedRun.find(List.of(dir)), new TableBuilder.Options(CheckpointRule.parse("last"),
                TargetRule.parse("max"), false, false, RobustAggregates.DEFAULT_REPETITIONS, 0));
    }

    @Test
    void runtimesNeverMixAndOnlyTheEngineMixesBatchSizes() {
        IncomparableRunsException e = assertThrows(IncomparableRunsException.class,
                () -> tableOf("mixed", 128, null, 128, "engine"));
        assertTrue(e.getMessage().matches(".*policy runtime (djl vs engine|engine vs djl).*"), e.getMessage());
        e = assertThrows(IncomparableRunsException.class, () -> tableOf("batches", 128, "djl", 7, "djl"));
        assertTrue(e.getMessage().matches(".*forward batches of at most (128 vs 7|7 vs 128).*"), e.getMessage());
        ResultTable t = tableOf("engine", 1, "engine", 128, "engine");
        assertEquals(2, t.rows().get(0).cells().size());
        assertTrue(t.protocol().stream().anyMatch(l -> l.contains("policy runtime engine (batch-invariant)")),
                t.protocol().toString());
    }

    @Test
    void duplicateSeedsUnfinishedRunsAndMissingTargetsAreRefused() {
        writeLamo();
        new RunFixture(root, "lamo", "hopper", 1).eval(10.0, 100, 1, 1).eval(20.0, 100, 1, 1).write();
        assertTrue(assertThrows(IncomparableRunsException.class, () -> build("last", "max")).getMessage()
                .contains("two runs of lamo with seed 1"));

        Path other = root.resolve("unfinished");
        new RunFixture(other, "dt", "hopper", 0).eval(10.0, 50, 1, 1).write();
        String m = assertThrows(IncomparableRunsException.class, () -> TableBuilder.build(EvaluatedRun.find(List.of(other)),
                TableBuilder.Options.paperDefaults())).getMessage();
        assertTrue(m.contains("training planned 100 steps but the last evaluation is at step 50"), m);

        Path third = root.resolve("targets");
        new RunFixture(third, "dt", "hopper", 0).eval(10.0, 100, 1, 1).write();
        m = assertThrows(IncomparableRunsException.class, () -> TableBuilder.build(EvaluatedRun.find(List.of(third)),
                new TableBuilder.Options(CheckpointRule.parse("last"), TargetRule.parse("fixed:20"), false, false, 1, 0)))
                .getMessage();
        assertTrue(m.contains("--target fixed:20.0: dt in row hopper/hopper-medium-s0/0.1 was evaluated at targets [10.0] only"), m);
    }

    @Test
    void windowWithoutEvaluationsNamesTheRun() {
        new RunFixture(root, "dt", "hopper", 0).steps(1000).eval(10.0, 500, 1, 1).eval(10.0, 1000, 1, 1).write();
        ResultTable t = build("window:0.2", "max");
        assertEquals(1, t.rows().get(0).cells().get("dt").mean(), 1e-12);
        new RunFixture(root, "dt", "hopper", 1).steps(1000).eval(10.0, 700, 1, 1).eval(10.0, 1000, 2, 2).write();
        assertEquals(1.5, build("window:0.2", "max").rows().get(0).cells().get("dt").mean(), 1e-12);
    }

    @Test
    void emptyFolderAndBrokenRecordsGiveOneLineErrors() throws Exception {
        Path empty = Files.createDirectory(root.resolve("empty"));
        assertTrue(assertThrows(RecordFormatException.class, () -> EvaluatedRun.find(List.of(empty))).getMessage()
                .startsWith("no evaluated runs under"));
        assertTrue(assertThrows(RecordFormatException.class, () -> EvaluatedRun.find(List.of(root.resolve("nope"))))
                .getMessage().endsWith("no such results folder"));
        Path run = new RunFixture(root, "dt", "hopper", 0).eval(10.0, 100, 1, 1).write();
        Files.writeString(run.resolve("eval/episodes.jsonl"), "{\"schema\":\"lamo.episode\",\"schema_version\":9}\n{}\n");
        String m = assertThrows(RecordFormatException.class, () -> EvaluatedRun.find(List.of(root))).getMessage();
        assertTrue(m.contains("episodes.jsonl line 1: record schema 'lamo.episode' version 9 is newer"), m);
        // a line cut by a crash at the end is ignored
        Files.writeString(run.resolve("eval/episodes.jsonl"), Files.readString(run.resolve("eval/summary.json")).isEmpty() ? ""
                : dev.lamo.envs.Json.write(dev.lamo.results.records.EpisodeRecord.of(100, 10.0, 0, 1, 1, 1, 1, false, true,
                null, 0)) + "\n{\"schema\":\"lamo.epi");
        assertEquals(1, EvaluatedRun.find(List.of(root)).get(0).scores().get(10.0).size());
    }

    private static java.util.Map<String, Object> architecture(int layers, int hidden, int heads) {
        return java.util.Map.of("backbone", java.util.Map.of("n_layer", layers, "n_embd", hidden, "n_head", heads));
    }

    @Test
    void rowsCountTrajectoriesAndColumnsNameTheirBackbones() {
        java.util.Map<String, Object> lm = java.util.Map.of("directory", "/x/lm", "pretraining",
                java.util.Map.of("validation_bits_per_byte", 1.87));
        for (long seed : new long[] {0, 1}) {
            new RunFixture(root, "lamo", "hopper", seed).trajectories(21)
                    .recorded(java.util.Map.of("pretrained", true), java.util.Map.of("architecture", architecture(4, 256, 4), "lm", lm))
                    .eval(10.0, 100, 50, 50).write();
            new RunFixture(root, "dt", "hopper", seed).trajectories(21)
                    .recorded(java.util.Map.of(), java.util.Map.of("architecture", architecture(3, 768, 1)))
                    .eval(10.0, 100, 40, 40).write();
        }
        ResultTable table = build("last", "max");
        assertEquals(21, table.rows().get(0).trajectories());
        assertEquals("small LM pre-trained here, 4×256 (1.87 bits/byte held out)", table.backbones().get("lamo"));
        assertEquals("3×768, 1 head (LaMo's Atari DT: its n_embed=128 is not a Hugging Face GPT-2 key, so the width stays "
                + "768)", table.backbones().get("dt"));
        String md = TableFormat.MD.render(table);
        assertTrue(md.startsWith("| Task | Dataset | Ratio | Trajectories | LaMo [small LM pre-trained here, 4×256 (1.87 "
                + "bits/byte held out)] | DT |\n"), md);
        assertTrue(md.contains("| 0.1 | 21 | 50.0 ± 0.0 (2) | 40.0 ± 0.0 (2) |"), md);
        assertTrue(md.contains("DT 3×768, 1 head (LaMo's Atari DT: its n_embed=128 is not a Hugging Face GPT-2 key"), md);
    }

    @Test
    void aLamoColumnOnTwoBackbonesIsRefused() {
        new RunFixture(root, "lamo", "hopper", 0).recorded(java.util.Map.of("pretrained", true),
                java.util.Map.of("architecture", architecture(3, 128, 4), "lm", java.util.Map.of("directory", "/x/small")))
                .eval(10.0, 100, 50, 50).write();
        new RunFixture(root, "lamo", "hopper", 1).recorded(java.util.Map.of("pretrained", true),
                java.util.Map.of("architecture", architecture(12, 768, 12), "lm", java.util.Map.of("directory", "/x/gpt2")))
                .eval(10.0, 100, 50, 50).write();
        IncomparableRunsException e = assertThrows(IncomparableRunsException.class, () -> build("last", "max"));
        assertTrue(e.getMessage().startsWith("LaMo runs on different backbones (small, 3×128 in "), e.getMessage());
        assertTrue(e.getMessage().contains("gpt2, 12×768 in "), e.getMessage());
    }
}
