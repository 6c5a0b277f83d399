package dev.lamo.policies.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyLoader;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine path never initialises DJL's PyTorch engine or libtorch: a JVM without any PyTorch jar on its class
 * path loads a trained LaMo on the engine and gives the same action bits as this JVM.
 */
class EngineWithoutTorchTest {

    @TempDir
    static Path dir;

    @Test
    void aLamoPolicyRunsWithNoPytorchJarOnTheClassPath() throws Exception {
        PolicyLoader.CheckpointRef ref = EngineRuns.dt(dir, "lamo", 10, List.of());
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = Arrays.asList(full.split(File.pathSeparator));
        List<String> kept = entries.stream().filter(e -> !e.contains("pytorch")).toList();
        assertTrue(entries.size() > kept.size(), "the test class path should hold PyTorch jars to remove: " + full);
        assertFalse(kept.stream().anyMatch(e -> e.contains("pytorch-native")));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--add-modules", "jdk.incubator.vector", "-cp",
                String.join(File.pathSeparator, kept), EngineOnlyMain.class.getName(), ref.run().path().toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        String stdout = new String(p.getInputStream().readAllBytes());
        String stderr = new String(p.getErrorStream().readAllBytes());
        assertEquals(0, p.waitFor(), stderr);
        try (Policy here = PolicyRuntime.ENGINE.load(ref, 1)) {
            float[] expected = EngineOnlyMain.actions(here);
            String bits = Arrays.stream(toInts(expected)).mapToObj(Integer::toString).collect(Collectors.joining("\n"));
            assertEquals(bits, stdout.strip(), "the same bits in a JVM without PyTorch");
        }
    }

    private static int[] toInts(float[] f) {
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = Float.floatToIntBits(f[i]);
        }
        return out;
    }
}
