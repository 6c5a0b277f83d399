package dev.lamo.policies.runtime.gpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.Seeds;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.runtime.DtSpec;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The reference device catches host-side mistakes: the same forward with one GEMM offset, one leading dimension, one
 * launch extent or one kernel stride wrong computes different actions, so the parity tests would fail.
 */
class CorruptedLaunchTest {

    /** A reference device that alters the n-th GEMM or the n-th launch of one kernel before running it. */
    private static final class FaultyDevice implements GpuDevice {
        private final ReferenceDevice inner = new ReferenceDevice();
        private final UnaryOperator<Gemm> gemmFault;
        private final Kernel kernel;
        private final UnaryOperator<Launch> launchFault;
        private final int which;
        private int gemms;
        private int launches;

        record Launch(Dim3 grid, Dim3 block, KernelArgs args) {
        }

        FaultyDevice(int which, UnaryOperator<Gemm> gemmFault, Kernel kernel, UnaryOperator<Launch> launchFault) {
            this.which = which;
            this.gemmFault = gemmFault;
            this.kernel = kernel;
            this.launchFault = launchFault;
        }

        @Override
        public void gemm(Gemm g) {
            inner.gemm(gemmFault != null && gemms++ == which ? gemmFault.apply(g) : g);
        }

        @Override
        public void launch(Kernel k, Dim3 grid, Dim3 block, KernelArgs args) {
            Launch l = new Launch(grid, block, args);
            if (k == kernel && launches++ == which) {
                l = launchFault.apply(l);
            }
            inner.launch(k, l.grid(), l.block(), l.args());
        }

        @Override
        public DeviceInfo info() {
            return inner.info();
        }

        @Override
        public DeviceBuffer allocate(DType type, long length) {
            return inner.allocate(type, length);
        }

        @Override
        public HostBuffer allocateHost(DType type, int length) {
            return inner.allocateHost(type, length);
        }

        @Override
        public void free(DeviceBuffer buffer) {
            inner.free(buffer);
        }

        @Override
        public void free(HostBuffer buffer) {
            inner.free(buffer);
        }

        @Override
        public void upload(float[] src, DevicePtr dst) {
            inner.upload(src, dst);
        }

        @Override
        public void copyToDevice(HostBuffer src, int srcOff, DevicePtr dst, int n) {
            inner.copyToDevice(src, srcOff, dst, n);
        }

        @Override
        public void copyToHost(DevicePtr src, HostBuffer dst, int dstOff, int n) {
            inner.copyToHost(src, dst, dstOff, n);
        }

        @Override
        public void synchronize() {
            inner.synchronize();
        }

        @Override
        public Graph capture(Runnable work) {
            return inner.capture(work);
        }

        @Override
        public void replay(Graph graph) {
            inner.replay(graph);
        }

        @Override
        public <T> T run(Supplier<T> work) {
            return work.get();
        }

        @Override
        public void close() {
        }
    }

    private static final DtSpec SPEC = CheckModel.LAMO_SMALL.spec(11);
    private static final PolicyBatch BATCH = CheckWindows.random(SPEC.info(), 8, SPEC.maxEpisodeLength(), Seeds.rng(1));

    private static float[] actions(GpuDevice device) {
        try (GpuDtPolicy g = new GpuDtPolicy(device, SPEC, Precision.FP32, 8, 4)) {
            g.engine().useGraphs(false);
            return ReferenceForwardTest.act(g, BATCH);
        }
    }

    private static void assertCaught(FaultyDevice faulty, String what) {
        float[] good = actions(new ReferenceDevice());
        float[] bad;
        try {
            bad = actions(faulty);
        } catch (RuntimeException outOfBounds) {
            return;                                                   // the reference device refused the access: caught
        }
        assertFalse(Batches.sameBits(good, 0, bad, 0, good.length), what + " went unnoticed");
    }

    @Test
    void theUncorruptedDeviceMatches() {
        FaultyDevice none = new FaultyDevice(0, null, Kernel.BIAS_ADD, l -> l);
        assertTrue(Batches.sameBits(actions(new ReferenceDevice()), 0, actions(none), 0, 8 * 3));
    }

    @Test
    void aGemmOperandOffByOneElement() {
        // the 20th GEMM (inside block 0) reads its activations one element late
        assertCaught(new FaultyDevice(20, g -> new Gemm(g.transA(), g.transB(), g.m(), g.n(), g.k(), g.a(), g.lda(),
                g.strideA(), g.b().plus(1), g.ldb(), g.strideB(), g.c(), g.ldc(), g.strideC(), g.batch(), g.compute()),
                null, null), "B offset + 1");
    }

    @Test
    void aWrongBatchStride() {
        assertCaught(new FaultyDevice(20, g -> new Gemm(g.transA(), g.transB(), g.m(), g.n(), g.k(), g.a(), g.lda(),
                g.strideA(), g.b(), g.ldb(), g.strideB() - g.ldb(), g.c(), g.ldc(), g.strideC(), g.batch(), g.compute()),
                null, null), "strideB one row short");
    }

    @Test
    void aLayerNormGridOneBlockShort() {
        assertCaught(new FaultyDevice(2, null, Kernel.LAYER_NORM, l -> new FaultyDevice.Launch(Dim3.of(l.grid().x() - 1),
                l.block(), l.args())), "grid.x − 1");
    }

    @Test
    void anAttentionEpisodeStrideOneRowShort() {
        assertCaught(new FaultyDevice(0, null, Kernel.CAUSAL_ATTENTION, l -> {
            KernelArgs a = new KernelArgs();
            for (int i = 0; i < l.args().size(); i++) {
                KernelArgs.Arg arg = l.args().list().get(i);
                if (i == 2) {
                    a.i64(l.args().longAt(2) - l.args().intAt(1));       // esq − ldq
                } else if (arg instanceof KernelArgs.Ptr p) {
                    a.ptr(p.value());
                } else if (arg instanceof KernelArgs.I32 v) {
                    a.i32(v.value());
                } else if (arg instanceof KernelArgs.I64 v) {
                    a.i64(v.value());
                } else {
                    a.f32(((KernelArgs.F32) arg).value());
                }
            }
            return new FaultyDevice.Launch(l.grid(), l.block(), a);
        }), "attention esq − ldq");
    }
}
