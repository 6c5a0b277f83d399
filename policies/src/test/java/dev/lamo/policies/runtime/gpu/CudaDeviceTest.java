package dev.lamo.policies.runtime.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.Seeds;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.runtime.DtSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU forward on the GPU (mvn -Pgpu verify -pl policies -am -Dtest='CudaDeviceTest'): parity with the CPU engine,
 * batch invariance and graph replay on {@link CudaDevice}. Needs an NVIDIA GPU and the CUDA 13 libraries.
 */
@Tag("gpu")
class CudaDeviceTest {

    @Test
    void parityWithTheCpuEngineInFp32() {
        for (CheckModel m : CheckModel.ALL) {
            DtSpec spec = m.spec(1);
            PolicyBatch b = CheckWindows.random(spec.info(), m.context() + 4, spec.maxEpisodeLength(), Seeds.rng(1));
            float[] expected = ReferenceForwardTest.cpu(spec, b);
            try (GpuDtPolicy g = new GpuDtPolicy(CudaDevice.shared(), spec, Precision.FP32, 64, GpuDtPolicy.EPISODES_PER_CALL)) {
                float[] actual = ReferenceForwardTest.act(g, b);
                for (int i = 0; i < expected.length; i++) {
                    double err = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
                    assertTrue(err <= GpuCheck.FP32_BOUND, m.name() + " element " + i + ": gpu " + actual[i] + ", cpu " + expected[i]);
                }
            }
        }
    }

    @Test
    void invarianceAndGraphReplayOnTheGpu() {
        DtSpec spec = CheckModel.LAMO_SMALL.spec(2);
        PolicyBatch all = CheckWindows.random(spec.info(), 20, spec.maxEpisodeLength(), Seeds.rng(2));
        int a = spec.info().actionSize();
        try (GpuDtPolicy g = new GpuDtPolicy(CudaDevice.shared(), spec, Precision.FP32, 64, GpuDtPolicy.EPISODES_PER_CALL)) {
            g.engine().useGraphs(false);
            float[] eager = ReferenceForwardTest.act(g, all);
            g.engine().useGraphs(true);
            ReferenceForwardTest.assertSameBits(eager, ReferenceForwardTest.act(g, all), "graph replay vs eager");
            for (int r = 0; r < all.size(); r++) {
                assertTrue(Batches.sameBits(ReferenceForwardTest.act(g, Batches.slice(all, r, 1)), 0, eager, r * a, a), "alone " + r);
            }
            float[] mixed = ReferenceForwardTest.act(g, Batches.interleaved(all, 100, new Random(3)));
            for (int r = 0; r < all.size(); r++) {
                assertTrue(Batches.sameBits(mixed, Batches.positionInInterleaved(r, 20) * a, eager, r * a, a), "among 100: " + r);
            }
        }
    }

    @Test
    void theCheckCommandsTestsPassOnTheGpu(@TempDir Path refs) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        GpuCheck.refs(refs, 5, List.of(CheckModel.DT_SMALL, CheckModel.LAMO_SMALL), out);
        GpuCheck.Result r = GpuCheck.run(refs, CudaDevice.shared(), Precision.FP32, true, out);
        assertEquals(0, r.failed(), text.toString());
        assertEquals(6, r.passed(), text.toString());
    }
}
