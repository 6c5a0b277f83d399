package dev.lamo.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.Folders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lamo sweep at a tiny scale (real training and evaluation), its resumption, and lamo table and plot on its output. */
class SweepTableAndPlotCommandsTest {

    @TempDir
    static Path dir;
    static Path config;
    static String firstTable;

    @BeforeAll
    static void sweep() throws Exception {
        CliRunner data = CliRunner.run("data", "generate", "--env", "reacher2d", "--behavior", "scripted", "--episodes", "10",
                "--seed", "3", "--dataset-id", "reacher2d-medium-test", "--out", dir.resolve("r.hdf5").toString());
        assertEquals(0, data.exitCode(), data.err());
        config = dir.resolve("sweep.json");
        Files.writeString(config, """
                {"out": "out", "algorithms": ["dt"], "tasks": [{"env": "reacher2d", "data": "r.hdf5"}],
                 "ratios": [1, 0.5], "seeds": [0, 1], "steps": 40, "eval_every": 20, "eval_episodes": 2,
                 "set": {"dt": ["batch_size=8", "dt_layers=1", "dt_hidden=16", "warmup_steps=5"]},
                 "table": {"checkpoint": "window:0.5", "target": "max", "paper": true}}
                """);
        CliRunner r = CliRunner.run("sweep", "--config", config.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("[4/4] dt reacher2d ratio 0.5 seed 1: training into"), r.out());
        firstTable = Files.readString(dir.resolve("out/table.json"));
    }

    @Test
    void sweepWritesEveryTableFormatAndCharts() throws Exception {
        for (String ext : List.of("md", "csv", "tex", "json")) {
            assertTrue(Files.size(dir.resolve("out/table." + ext)) > 100, ext);
        }
        String md = Files.readString(dir.resolve("out/table.md"));
        assertTrue(md.contains("| reacher2d | reacher2d-medium-test | 1 |"), md);
        assertTrue(md.contains("(2) |"), "two seeds per cell: " + md);
        assertTrue(md.contains("| DT (paper's data) |") && md.contains("| 22.8 ± 6.0 |"), "paper's Reacher2d medium row at ratio 1: " + md);
        assertTrue(md.contains("| reacher2d | reacher2d-medium-test | 0.5 | 5 |"), "the rows count their trajectories: " + md);
        assertTrue(md.contains("Backbones (layers × width): DT 1×16, 1 head."), md);
        assertTrue(md.contains("P(LaMo > DT): needs rows with both LaMo and DT"), md);
        assertTrue(Files.exists(dir.resolve("out/plots/score-vs-ratio-reacher2d-reacher2d-medium-test.png")));
    }

    @Test
    void theEstimatePrintsTheTrajectoriesEachRatioKeeps() {
        CliRunner r = CliRunner.run("sweep", "--config", config.toString(), "--estimate");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("reacher2d    ratio 1      keeps 10 of 10 trajectories (1000 transitions"), r.out());
        assertTrue(r.out().contains("reacher2d    ratio 0.5    keeps 5 of 10 trajectories (500 transitions"), r.out());
        assertTrue(r.out().contains("4 cells, 4 finished"), r.out());
    }

    @Test
    void anInterruptedSweepResumesToTheSameTable() throws Exception {
        Path copy = dir.resolve("resumed");
        Files.createDirectories(copy);
        Files.copy(dir.resolve("r.hdf5"), copy.resolve("r.hdf5"));
        Files.writeString(copy.resolve("sweep.json"), Files.readString(config));
        copyTree(dir.resolve("out"), copy.resolve("out"));
        Path runs = copy.resolve("out/runs");
        // one cell lost entirely, one cut after its first checkpoint's evaluation, one killed during its last evaluation
        Folders.deleteRecursively(runs.resolve("dt-r-r1-s1"));
        Folders.deleteRecursively(runs.resolve("dt-r-r0.5-s0/checkpoints/step_40"));
        Path early = runs.resolve("dt-r-r0.5-s0/eval/episodes.jsonl");
        Files.write(early, Files.readAllLines(early).stream().filter(l -> l.contains("\"checkpoint_step\":20")).toList());
        Path cut = runs.resolve("dt-r-r0.5-s1/eval/episodes.jsonl");
        List<String> lines = Files.readAllLines(cut);
        Files.write(cut, lines.subList(0, lines.size() - 3));
        Files.writeString(cut, Files.readString(cut) + "{\"schema\":\"lamo.epis");

        CliRunner r = CliRunner.run("sweep", "--config", copy.resolve("sweep.json").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("[1/4] dt reacher2d ratio 1 seed 0: finished, skipped"), r.out());
        assertTrue(r.out().contains("[2/4] dt reacher2d ratio 1 seed 1: training into"), r.out());
        assertTrue(r.out().contains("[3/4] dt reacher2d ratio 0.5 seed 0: continuing"), r.out());
        assertTrue(r.out().contains("[4/4] dt reacher2d ratio 0.5 seed 1: continuing"), r.out());
        assertEquals(firstTable.replace(dir.toString(), ""), Files.readString(copy.resolve("out/table.json"))
                .replace(copy.toString(), ""));
    }

    @Test
    void cuttingASweepsStepsKeepsAStartedRunOnlyWhereItEqualsAFreshRun() throws Exception {
        String cutConfig = Files.readString(config).replace("\"ratios\": [1, 0.5], \"seeds\": [0, 1], \"steps\": 40",
                "\"ratios\": [1], \"seeds\": [0], \"steps\": 30");
        // a run of the 40-step sweep stopped after its checkpoint at step 20 becomes the 30-step sweep's cell
        Path cut = dir.resolve("cut");
        Files.createDirectories(cut);
        Files.copy(dir.resolve("r.hdf5"), cut.resolve("r.hdf5"));
        Files.writeString(cut.resolve("sweep.json"), cutConfig);
        copyTree(dir.resolve("out/runs/dt-r-r1-s0"), cut.resolve("out/runs/dt-r-r1-s0"));
        Path started = cut.resolve("out/runs/dt-r-r1-s0");
        Folders.deleteRecursively(started.resolve("checkpoints/step_40"));
        Path episodes = started.resolve("eval/episodes.jsonl");
        Files.write(episodes, Files.readAllLines(episodes).stream().filter(l -> l.contains("\"checkpoint_step\":20")).toList());
        CliRunner r = CliRunner.run("sweep", "--config", cut.resolve("sweep.json").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("[1/1] dt reacher2d ratio 1 seed 0: continuing"), r.out());
        assertTrue(Files.readString(started.resolve("config.json")).contains("\"steps\" : 30"));

        Path fresh = dir.resolve("fresh");
        Files.createDirectories(fresh);
        Files.copy(dir.resolve("r.hdf5"), fresh.resolve("r.hdf5"));
        Files.writeString(fresh.resolve("sweep.json"), cutConfig);
        CliRunner freshSweep = CliRunner.run("sweep", "--config", fresh.resolve("sweep.json").toString());
        assertEquals(0, freshSweep.exitCode(), freshSweep.err());
        Path freshRun = fresh.resolve("out/runs/dt-r-r1-s0");
        assertEquals(-1L, Files.mismatch(freshRun.resolve("checkpoints/step_30/model.safetensors"),
                started.resolve("checkpoints/step_30/model.safetensors")), "the same weights at step 30");
        assertEquals(withoutTimings(freshRun.resolve("eval/episodes.jsonl")),
                withoutTimings(started.resolve("eval/episodes.jsonl")));

        // a run already past the new total cannot become the cell
        Path past = dir.resolve("past");
        Files.createDirectories(past);
        Files.copy(dir.resolve("r.hdf5"), past.resolve("r.hdf5"));
        Files.writeString(past.resolve("sweep.json"), cutConfig);
        copyTree(dir.resolve("out/runs/dt-r-r1-s0"), past.resolve("out/runs/dt-r-r1-s0"));
        assertBad("holds a run planned for 40 steps, trained to 40, which cannot become the sweep's cell of 30 steps",
                "sweep", "--config", past.resolve("sweep.json").toString());
    }

    @Test
    void aStartedCellOfAVariantResumes() throws Exception {
        Path variant = dir.resolve("variant");
        Files.createDirectories(variant);
        Files.copy(dir.resolve("r.hdf5"), variant.resolve("r.hdf5"));
        Path sweep = variant.resolve("sweep.json");
        Files.writeString(sweep, Files.readString(config).replace("\"algorithms\": [\"dt\"]", "\"algorithms\": [\"dt-original\"]")
                .replace("\"ratios\": [1, 0.5], \"seeds\": [0, 1]", "\"ratios\": [1], \"seeds\": [0]")
                .replace("\"set\": {\"dt\"", "\"set\": {\"dt-original\""));
        CliRunner first = CliRunner.run("sweep", "--config", sweep.toString());
        assertEquals(0, first.exitCode(), first.err());
        Path run = variant.resolve("out/runs/dt-original-r-r1-s0");
        Folders.deleteRecursively(run.resolve("checkpoints/step_40"));
        Path episodes = run.resolve("eval/episodes.jsonl");
        Files.write(episodes, Files.readAllLines(episodes).stream().filter(l -> l.contains("\"checkpoint_step\":20")).toList());
        CliRunner again = CliRunner.run("sweep", "--config", sweep.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("[1/1] dt-original reacher2d ratio 1 seed 0: continuing"), again.out());
        // the variant's column has its backbone and its curves (cells are keyed by the variant label, not the algorithm)
        assertTrue(Files.readString(variant.resolve("out/table.md")).contains(" 1×16, 1 head."), again.out());
        assertTrue(Files.exists(variant.resolve("out/plots/curve-score-reacher2d-reacher2d-medium-test-r1.svg")));
    }

    /** A record file's lines without their wall-clock fields, which differ between any two runs. */
    private static List<String> withoutTimings(Path file) throws Exception {
        return Files.readAllLines(file).stream()
                .map(l -> l.replaceAll(",\"wall_seconds\":[0-9.eE+-]+", "")).toList();
    }

    @Test
    void exportedRecordsAloneGiveTheSweepsTable() throws Exception {
        Path records = dir.resolve("records");
        CliRunner r = CliRunner.run("sweep", "--config", config.toString(), "--export", records.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("copied the records of 4 finished cells into " + records + "; 0 cells not finished yet"),
                r.out());
        try (var files = Files.walk(records)) {
            List<String> names = files.filter(Files::isRegularFile).map(f -> records.relativize(f).toString()).sorted().toList();
            assertEquals(16, names.size(), names.toString());
            assertTrue(names.contains("dt-r-r0.5-s1/eval/summary.json"), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.contains("checkpoints") || n.endsWith(".hdf5")), names.toString());
        }
        CliRunner fromRecords = CliRunner.run("table", "--results", records.toString(), "--stats", "--paper");
        CliRunner fromRuns = CliRunner.run("table", "--results", dir.resolve("out/runs").toString(), "--stats", "--paper");
        assertEquals(0, fromRecords.exitCode(), fromRecords.err());
        assertEquals(fromRuns.out(), fromRecords.out());

        // exported against the folder holding data and runs, the records name no absolute path inside it
        Path relative = dir.resolve("records-relative");
        dev.lamo.harness.sweep.SweepRecords.export(dev.lamo.harness.sweep.SweepConfig.read(config), relative, dir);
        try (var files = Files.walk(relative)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertTrue(!Files.readString(f).contains(dir.toString()), f.toString());
            }
        }
        assertTrue(Files.readString(relative.resolve("dt-r-r1-s0/config.json")).contains("\"r.hdf5\""));
        assertEquals(fromRuns.out().replace(dir + "/", ""), CliRunner.run("table", "--results", relative.toString(), "--stats",
                "--paper").out().replace(dir + "/", ""));
    }

    @Test
    void theQuickstartsReferenceIsTheTableOfTheCommittedRecords() throws Exception {
        Path home = dir.resolve("home");
        java.io.StringWriter none = new java.io.StringWriter();
        ReferenceResults.print(new java.io.PrintWriter(none, true), home);
        assertEquals("Reference (full-budget runs): no records under " + home.resolve(ReferenceResults.RECORDS) + " yet\n",
                none.toString());

        CliRunner export = CliRunner.run("sweep", "--config", config.toString(), "--export",
                home.resolve(ReferenceResults.RECORDS).resolve("reacher2d").toString());
        assertEquals(0, export.exitCode(), export.err());
        java.io.StringWriter printed = new java.io.StringWriter();
        ReferenceResults.print(new java.io.PrintWriter(printed, true), home);
        String table = CliRunner.run("table", "--results", home.resolve(ReferenceResults.RECORDS).toString(), "--stats", "--paper")
                .out();
        assertTrue(printed.toString().contains("(4 of the grid's 27 cells finished; budgets: reacher2d 40 steps;"),
                printed.toString());
        assertTrue(printed.toString().endsWith(table), printed + "\n---\n" + table);
    }

    @Test
    void tableAndPlotCommands() throws Exception {
        String results = dir.resolve("out/runs").toString();
        CliRunner latex = CliRunner.run("table", "--results", results, "--format", "latex", "--checkpoint", "last");
        assertEquals(0, latex.exitCode(), latex.err());
        assertTrue(latex.out().startsWith("\\begin{tabular}"), latex.out());
        assertTrue(latex.out().contains("% Checkpoints (--checkpoint last)"), latex.out());
        CliRunner csv = CliRunner.run("table", "--results", results, "--format", "csv", "--target", "fixed:40",
                "--out", dir.resolve("t.csv").toString());
        assertEquals(0, csv.exitCode(), csv.err());
        assertTrue(Files.readString(dir.resolve("t.csv")).contains(",2,40\n"), Files.readString(dir.resolve("t.csv")));

        Path plots = dir.resolve("plots");
        CliRunner plot = CliRunner.run("plot", "--results", results, "--out", plots.toString());
        assertEquals(0, plot.exitCode(), plot.err());
        assertTrue(plot.out().contains("5 charts (PNG and SVG)"), plot.out());
        assertTrue(Files.exists(plots.resolve("curve-score-reacher2d-reacher2d-medium-test-r0.5.svg")));
    }

    @Test
    void badInputIsOneLineWithExitCode2() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertBad("no evaluated runs under", "table", "--results", empty.toString());
        assertBad("--checkpoint: expected last, best, window:FRACTION", "table", "--results", dir.toString(),
                "--checkpoint", "window:x");
        assertBad("--format: expected md, csv, latex or json, found 'html'", "table", "--results", dir.toString(),
                "--format", "html");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"algorithms\": [\"dt\"], \"seedz\": [0]}");
        assertBad(bad + ": unknown key 'seedz'", "sweep", "--config", bad.toString());
        Files.writeString(bad, "{\"algorithms\": [\"dt\"], \"tasks\": [{\"env\": \"reacher2d\", \"data\": \"r.hdf5\"}], "
                + "\"ratios\": [2], \"seeds\": [0], \"steps\": 10, \"eval_every\": 5}");
        assertBad(bad + ": ratios: expected values in (0, 1], found 2.0", "sweep", "--config", bad.toString());
    }

    private static void assertBad(String fragment, String... args) {
        CliRunner r = CliRunner.run(args);
        assertEquals(2, r.exitCode(), r.err() + r.out());
        assertTrue(r.err().contains(fragment), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
