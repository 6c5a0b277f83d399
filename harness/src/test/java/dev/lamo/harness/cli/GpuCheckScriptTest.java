package dev.lamo.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/gpu-check.sh and the run.sh it ships: the jar selection on the harness's real dependency names, the
 * scripts' syntax (and shellcheck where installed), the usage errors, and (slow) the whole archive built and run on
 * this machine without a GPU.
 */
class GpuCheckScriptTest {

    private static final Path SCRIPTS = Path.of("..", "scripts").toAbsolutePath().normalize();
    private static final Path SCRIPT = SCRIPTS.resolve("gpu-check.sh");
    private static final List<String> SHIPPED_SCRIPTS = List.of("gpu-check.sh", "gpu-check-run.sh", "gpu-check-lamo.sh");
    /** What the check must never ship: training's PyTorch, the cluster's membership, tokenisers. */
    private static final Pattern FORBIDDEN = Pattern.compile("^(pytorch-|infinispan-|vertx-infinispan-|jgroups-|jtokkit-|tokenizers-).*");
    /**
     * Jars the harness's class path may not hold yet: the CUDA presets as the GPU backend depends on them, and DJL's
     * tokenizers as a language-model build may add them.
     */
    private static final List<String> EXTRA_JARS = List.of("cuda-13.1-9.19-1.5.13.jar", "cuda-13.1-9.19-1.5.13-linux-x86_64.jar",
            "javacpp-1.5.13.jar", "javacpp-1.5.13-linux-x86_64.jar", "tokenizers-0.35.1.jar");

    @TempDir
    Path dir;

    private record Result(int exitCode, String output) {
    }

    private static Result bash(Path script, long minutes, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(minutes, TimeUnit.MINUTES), "timed out: " + command);
        return new Result(p.exitValue(), output);
    }

    /** The jar names of this module's test class path: the harness's real dependencies. */
    private static Set<String> classPathJars() {
        Set<String> names = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                names.add(Path.of(entry).getFileName().toString());
            }
        }
        return names;
    }

    @Test
    void theJarSelectionDropsTorchClusterAndTokenisersAndKeepsCudaAndTheHarness() throws Exception {
        Set<String> all = classPathJars();
        all.addAll(EXTRA_JARS);
        // the test means something only while these are among the dependencies
        for (String prefix : List.of("pytorch-engine-", "pytorch-native-cpu-", "infinispan-core-", "jgroups-", "jtokkit-")) {
            assertTrue(all.stream().anyMatch(n -> n.startsWith(prefix)), "no " + prefix + "* on the class path: " + all);
        }
        Path lib = Files.createDirectories(dir.resolve("lib"));
        for (String name : all) {
            Files.createFile(lib.resolve(name));
        }
        Result r = bash(SCRIPT, 1, "--select-jars", lib.toString());
        assertEquals(0, r.exitCode(), r.output());
        Set<String> selected = new TreeSet<>();
        for (String line : r.output().strip().split("\n")) {
            selected.add(Path.of(line).getFileName().toString());
        }
        for (String name : selected) {
            assertFalse(FORBIDDEN.matcher(name).matches(), "ships " + name);
        }
        for (String name : all) {
            if (FORBIDDEN.matcher(name).matches()) {
                assertFalse(selected.contains(name), name);
            }
        }
        for (String needed : List.of("cuda-13.1-9.19-1.5.13.jar", "cuda-13.1-9.19-1.5.13-linux-x86_64.jar",
                "javacpp-1.5.13-linux-x86_64.jar", "vertx-core-", "netty-transport-", "jackson-databind-", "picocli-",
                "lamo-policies-", "lamo-envs-", "lamo-results-", "lamo-mujoco-preset-", "api-")) {
            assertTrue(selected.stream().anyMatch(n -> n.startsWith(needed)), "does not ship " + needed + ": " + selected);
        }
    }

    @Test
    void theScriptsParse() throws Exception {
        for (String name : SHIPPED_SCRIPTS) {
            Process p = new ProcessBuilder("bash", "-n", SCRIPTS.resolve(name).toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(1, TimeUnit.MINUTES));
            assertEquals(0, p.exitValue(), name + ": " + output);
        }
    }

    @Test
    void theScriptsPassShellcheck() throws Exception {
        assumeTrue(onPath("shellcheck"), "shellcheck is not installed");
        for (String name : SHIPPED_SCRIPTS) {
            Process p = new ProcessBuilder("shellcheck", "-x", SCRIPTS.resolve(name).toString()).redirectErrorStream(true)
                    .start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(1, TimeUnit.MINUTES));
            assertEquals(0, p.exitValue(), name + ": " + output);
        }
    }

    @Test
    void usageErrorsAreOneLineWithExitCode2() throws Exception {
        Result twoFolders = bash(SCRIPT, 1, "a", "b");
        assertEquals(2, twoFolders.exitCode(), twoFolders.output());
        assertEquals("gpu-check: usage: scripts/gpu-check.sh OUT (one output folder, got 2 arguments)\n", twoFolders.output());
        Result unknown = bash(SCRIPT, 1, "--fast");
        assertEquals(2, unknown.exitCode(), unknown.output());
        assertEquals("gpu-check: unknown option --fast (usage: scripts/gpu-check.sh OUT | --select-jars DIR)\n",
                unknown.output());
        Result noFolder = bash(SCRIPT, 1, "--select-jars", dir.resolve("none").toString());
        assertEquals(2, noFolder.exitCode(), noFolder.output());
        assertEquals("gpu-check: no jar folder " + dir.resolve("none") + "\n", noFolder.output());
    }

    /**
     * Builds the archive from this tree (it must be packaged: the script ships harness/target) and runs its run.sh
     * without a GPU: the bundled Java starts lamo, the GPU tests pass on the reference device against the shipped
     * references, and the benchmark writes its points.
     */
    @Test
    @Tag("slow")
    void theArchiveIsAtMost40MiBAndRunsWithoutAGpu() throws Exception {
        Path root = SCRIPTS.getParent();
        assumeTrue(Files.isRegularFile(root.resolve("harness/target/lamo.jar")), "the tree is not packaged yet");
        Result build = bash(SCRIPT, 30, dir.toString());
        assertEquals(0, build.exitCode(), build.output());
        Path archive = dir.resolve("gpu-check.tar.xz");
        assertTrue(Files.size(archive) <= 40L * 1024 * 1024, "archive of " + Files.size(archive) + " bytes");
        Process untar = new ProcessBuilder("tar", "-C", dir.toString(), "-xJf", archive.toString()).inheritIO().start();
        assertTrue(untar.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, untar.exitValue());
        Path check = dir.resolve("gpu-check");
        for (String jar : listing(check.resolve("lib"))) {
            assertFalse(FORBIDDEN.matcher(jar).matches(), "ships " + jar);
        }
        ProcessBuilder run = new ProcessBuilder("bash", check.resolve("run.sh").toString(), "--no-gpu").redirectErrorStream(true);
        run.environment().put("GPU_CHECK_WINDOW", "2");
        run.environment().put("GPU_CHECK_WARMUP", "1");
        run.environment().put("GPU_CHECK_CONCURRENCY", "1,8");
        run.environment().put("GPU_CHECK_BUDGET", "600");
        Process p = run.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(15, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("Java 17"), output);
        assertTrue(Pattern.compile("(?m)^[1-9][0-9]* passed, 0 failed$").matcher(output).find(), output);
        assertTrue(output.contains("speed-up at concurrency 8 over concurrency 1"), output);
        assertTrue(Files.isRegularFile(check.resolve("results/bench-dt.json")));
        assertTrue(Files.readString(check.resolve("gpu-check.log")).contains("0 failed steps"));
    }

    private static List<String> listing(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
