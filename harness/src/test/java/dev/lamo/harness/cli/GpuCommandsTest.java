package dev.lamo.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lamo gpu refs|check, run against the Java reference device, and --runtime gpu without a GPU. */
class GpuCommandsTest {

    private static void assumeNoGpu() {
        Assumptions.assumeFalse(Files.exists(Path.of("/dev/nvidiactl")), "this machine has an NVIDIA driver");
    }

    @Test
    void refsThenCheckOnTheReferenceDevicePassEveryTest(@TempDir Path dir) {
        Path refs = dir.resolve("refs");
        CliRunner made = CliRunner.run("gpu", "refs", "--out", refs.toString(), "--seed", "3", "--models", "small");
        assertEquals(0, made.exitCode(), made.err());
        assertTrue(Files.exists(refs.resolve("refs.json")) && Files.exists(refs.resolve("lamo-small.actions.bin")), made.out());
        CliRunner check = CliRunner.run("gpu", "check", "--refs", refs.toString(), "--device", "reference");
        assertEquals(0, check.exitCode(), check.out() + check.err());
        assertTrue(check.out().startsWith("device: Java reference device"), check.out());
        assertTrue(check.out().contains("PASS parity dt-small fp32") && check.out().contains("PASS invariance lamo-small")
                && check.out().contains("PASS graph-replay lamo-small"), check.out());
        assertTrue(check.out().strip().endsWith("6 passed, 0 failed"), check.out());
    }

    @Test
    void aCheckAgainstWrongReferencesFails(@TempDir Path dir) throws Exception {
        Path refs = dir.resolve("refs");
        assertEquals(0, CliRunner.run("gpu", "refs", "--out", refs.toString(), "--models", "dt-small").exitCode());
        // references of another seed's weights: parity must fail, invariance and replay still pass
        String json = Files.readString(refs.resolve("refs.json")).replaceFirst("\"seed\" : 1", "\"seed\" : 2");
        Files.writeString(refs.resolve("refs.json"), json);
        CliRunner check = CliRunner.run("gpu", "check", "--refs", refs.toString(), "--device", "reference");
        assertEquals(1, check.exitCode(), check.out());
        assertTrue(check.out().contains("FAIL parity dt-small fp32") && check.out().strip().endsWith("2 passed, 1 failed"),
                check.out());
    }

    @Test
    void badFlagsAndMissingReferencesFailInOneLine(@TempDir Path dir) {
        CliRunner precision = CliRunner.run("gpu", "check", "--refs", dir.toString(), "--precision", "fp64", "--device",
                "reference");
        assertEquals(2, precision.exitCode());
        assertEquals("lamo gpu check: --precision must be fp32, tf32 or bf16, got 'fp64'", precision.err().strip());
        CliRunner missing = CliRunner.run("gpu", "check", "--refs", dir.resolve("none").toString(), "--device", "reference");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().startsWith("lamo gpu check: " + dir.resolve("none").resolve("refs.json")), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
    }

    @Test
    void withoutAGpuTheRuntimeGpuFailsInOneLineNamingTheLibrary(@TempDir Path dir) {
        assumeNoGpu();
        CliRunner check = CliRunner.run("gpu", "check", "--refs", dir.toString());
        assertEquals(2, check.exitCode(), check.out() + check.err());
        assertEquals(1, check.err().strip().lines().count(), check.err());
        assertTrue(check.err().matches("(?s)lamo gpu check: cannot load lib[\\w.+-]+\\.so[.\\d]*[ ,].*"), check.err());
        CliRunner bench = CliRunner.run("bench", "policy", "--policy", dir.toString(), "--runtime", "gpu");
        assertEquals(2, bench.exitCode(), bench.out() + bench.err());
        assertEquals(1, bench.err().strip().lines().count(), bench.err());
        assertTrue(bench.err().contains("cannot load lib"), bench.err());
    }
}
