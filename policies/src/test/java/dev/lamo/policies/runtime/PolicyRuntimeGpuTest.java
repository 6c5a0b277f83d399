package dev.lamo.policies.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyLoader;
import dev.lamo.policies.runtime.gpu.GpuUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --runtime gpu} and {@code auto} on a machine without a GPU: gpu fails in one line, auto takes the CPU engine. */
class PolicyRuntimeGpuTest {

    @TempDir
    static Path dir;

    @Test
    void gpuIsARuntimeId() {
        assertEquals(PolicyRuntime.GPU, PolicyRuntime.parse("gpu"));
        assertEquals("gpu", PolicyRuntime.GPU.id());
        assertEquals("--runtime must be auto, engine, gpu or djl, got 'cuda'",
                assertThrows(IllegalArgumentException.class, () -> PolicyRuntime.parse("cuda")).getMessage());
    }

    @Test
    void withoutAGpuAutoRunsADtOnTheCpuEngineAndGpuFailsInOneLine() throws Exception {
        Assumptions.assumeFalse(Files.exists(Path.of("/dev/nvidiactl")), "this machine has an NVIDIA driver");
        PolicyLoader.CheckpointRef ref = EngineRuns.dt(dir, "dt", 10, List.of("dt_hidden=32", "dt_layers=1"));
        assertEquals(PolicyRuntime.ENGINE, PolicyRuntime.AUTO.resolve(ref.config()));
        try (Policy p = PolicyRuntime.AUTO.load(ref, 1)) {
            assertInstanceOf(EngineDtPolicy.class, p);
        }
        assertEquals(PolicyRuntime.GPU, PolicyRuntime.GPU.resolve(ref.config()));
        GpuUnavailableException e = assertThrows(GpuUnavailableException.class, () -> PolicyRuntime.GPU.load(ref, 1));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot load lib"), e.getMessage());
    }
}
