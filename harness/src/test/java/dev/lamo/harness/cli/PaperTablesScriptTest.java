package dev.lamo.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/paper-tables.sh on its default path (no --full), with this build's classes as the lamo command and a
 * tiny language model: the estimate, and (slow) a whole grid of a few steps a cell.
 */
class PaperTablesScriptTest {

    private static final Path SCRIPT = Path.of("..", "scripts", "paper-tables.sh").toAbsolutePath().normalize();

    @TempDir
    static Path dir;
    static Path lamo;
    static Path lm;

    @BeforeAll
    static void fixtures() throws IOException {
        // the lamo command over the test class path (the jar is only packaged after the tests)
        lamo = dir.resolve("lamo");
        Files.writeString(lamo, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' --add-modules jdk.incubator.vector -Dlamo.threads=1 -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -cp '"
                + System.getProperty("java.class.path") + "' dev.lamo.harness.cli.Lamo \"$@\"\n");
        Files.setPosixFilePermissions(lamo, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path text = dir.resolve("text.txt");
        Files.writeString(text, "Call me Ishmael. Some years ago, never mind how long, I went to sea. ".repeat(80));
        lm = dir.resolve("lm");
        CliRunner r = CliRunner.run("lm", "pretrain", "--corpus", text.toString(), "--out", lm.toString(), "--layers", "1",
                "--hidden", "16", "--heads", "2", "--context", "16", "--vocab", "300", "--steps", "2");
        assertEquals(0, r.exitCode(), r.err());
    }

    private static String script(Path out, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString(), "--out", out.toString(),
                "--lm", lm.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("LAMO", lamo.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    @Test
    void theDefaultGridsEstimatePrintsTrajectoriesPerRatioAndTheTime() throws Exception {
        String out = script(dir.resolve("estimate"), "--estimate");
        assertTrue(out.contains("== reacher2d: estimating the time on this machine"), out);
        assertTrue(out.contains("ratio 0.1    keeps 5 of 50 trajectories"), out);
        assertTrue(out.contains("ratio 1      keeps 50 of 50 trajectories"), out);
        assertTrue(out.contains("18 cells, 0 finished; the rest needs about"), out);
        String grid = Files.readString(dir.resolve("estimate/reacher2d.json"));
        assertTrue(grid.contains("\"sample_seed\": 0"), grid);
        assertTrue(grid.contains("\"lm\": \"" + lm.toRealPath() + "\""), grid);
    }

    @Test
    void aBadOptionIsOneLineAndExitCode2() throws Exception {
        Process p = new ProcessBuilder("bash", SCRIPT.toString(), "--steps", "ten").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertEquals(2, p.exitValue(), output);
        assertEquals("paper-tables: --steps expects a positive whole number, found 'ten'\n", output);
    }

    @Test
    @Tag("slow")
    void theDefaultGridRunsEndToEndAtAFewStepsACell() throws Exception {
        String out = script(dir.resolve("trial"), "--steps", "4");
        assertTrue(out.contains("[18/18] dt reacher2d ratio 1 seed 2"), out);
        String table = Files.readString(dir.resolve("trial/reacher2d/table.md"));
        assertTrue(table.contains("| reacher2d | reacher2d-medium-scripted-50ep | 0.1 | 5 |"), table);
        assertTrue(table.contains("LaMo [small LM pre-trained here, 1×16"), table);
    }
}
