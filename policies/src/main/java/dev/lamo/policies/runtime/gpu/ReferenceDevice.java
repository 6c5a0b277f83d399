package dev.lamo.policies.runtime.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The device in Java, for tests and {@code lamo gpu check --device reference} on machines without a GPU. Kernels run
 * block by block and thread by thread through their twins in {@link ReferenceKernels}, which index memory exactly as
 * the {@code .cu} sources do; GEMMs follow the column-major contract of {@link Gemm} element by element. So a wrong
 * offset, leading dimension, stride or launch extent in the forward's host logic computes a wrong answer here too.
 * Operations run at once, in order (which is what one CUDA stream guarantees); during {@link #capture} they are
 * recorded instead, with their arguments frozen, and run when the graph is replayed.
 */
public final class ReferenceDevice implements GpuDevice {

    /** Device memory: one Java array per buffer, so an index past its end fails. */
    static final class Buffer implements DeviceBuffer {
        private final DType type;
        final float[] f;
        final int[] i;
        final short[] s;

        Buffer(DType type, int length) {
            this.type = type;
            this.f = type == DType.F32 ? new float[length] : null;
            this.i = type == DType.I32 ? new int[length] : null;
            this.s = type == DType.BF16 ? new short[length] : null;
        }

        @Override
        public DType type() {
            return type;
        }

        @Override
        public long length() {
            return f != null ? f.length : i != null ? i.length : s.length;
        }
    }

    static final class Host implements HostBuffer {
        private final DType type;
        final float[] f;
        final int[] i;

        Host(DType type, int length) {
            if (type == DType.BF16) {
                throw new IllegalArgumentException("pinned host buffers hold F32 or I32");
            }
            this.type = type;
            this.f = type == DType.F32 ? new float[length] : null;
            this.i = type == DType.I32 ? new int[length] : null;
        }

        @Override
        public DType type() {
            return type;
        }

        @Override
        public int length() {
            return f != null ? f.length : i.length;
        }

        @Override
        public void put(float[] src, int srcOff, int dstOff, int n) {
            Bounds.host("put", this, dstOff, n);
            System.arraycopy(src, srcOff, f, dstOff, n);
        }

        @Override
        public void putInts(int[] src, int srcOff, int dstOff, int n) {
            Bounds.host("putInts", this, dstOff, n);
            System.arraycopy(src, srcOff, i, dstOff, n);
        }

        @Override
        public void get(int srcOff, float[] dst, int dstOff, int n) {
            Bounds.host("get", this, srcOff, n);
            System.arraycopy(f, srcOff, dst, dstOff, n);
        }
    }

    private final class RecordedGraph implements Graph {
        final List<Runnable> steps;

        RecordedGraph(List<Runnable> steps) {
            this.steps = List.copyOf(steps);
        }

        ReferenceDevice outer() {
            return ReferenceDevice.this;
        }

        @Override
        public void close() {
        }
    }

    /** Operations being captured into a graph, or null when operations run at once. */
    private List<Runnable> capturing;
    private int launches;

    @Override
    public DeviceInfo info() {
        return new DeviceInfo("Java reference device", 0, 0, Runtime.getRuntime().maxMemory(), 0, 0, 1);
    }

    @Override
    public DeviceBuffer allocate(DType type, long length) {
        return new Buffer(type, Math.toIntExact(length));
    }

    @Override
    public HostBuffer allocateHost(DType type, int length) {
        return new Host(type, length);
    }

    @Override
    public void free(DeviceBuffer buffer) {
    }

    @Override
    public void free(HostBuffer buffer) {
    }

    @Override
    public void upload(float[] src, DevicePtr dst) {
        if (capturing != null) {
            throw new IllegalStateException("upload is synchronous and cannot be captured");
        }
        Bounds.range("upload", dst, src.length);
        System.arraycopy(src, 0, buffer(dst).f, (int) dst.offset(), src.length);
    }

    @Override
    public void copyToDevice(HostBuffer src, int srcOff, DevicePtr dst, int n) {
        Bounds.host("copyToDevice", src, srcOff, n);
        Bounds.range("copyToDevice", dst, n);
        if (src.type() != dst.type()) {
            throw new IllegalArgumentException("copyToDevice from " + src.type() + " to " + dst.type());
        }
        Host h = (Host) src;
        Buffer d = buffer(dst);
        int at = (int) dst.offset();
        issue(() -> {
            if (h.f != null) {
                System.arraycopy(h.f, srcOff, d.f, at, n);
            } else {
                System.arraycopy(h.i, srcOff, d.i, at, n);
            }
        });
    }

    @Override
    public void copyToHost(DevicePtr src, HostBuffer dst, int dstOff, int n) {
        Bounds.range("copyToHost", src, n);
        Bounds.host("copyToHost", dst, dstOff, n);
        if (src.type() != DType.F32 || dst.type() != DType.F32) {
            throw new IllegalArgumentException("copyToHost copies floats");
        }
        Buffer s = buffer(src);
        Host h = (Host) dst;
        int at = (int) src.offset();
        issue(() -> System.arraycopy(s.f, at, h.f, dstOff, n));
    }

    @Override
    public void gemm(Gemm g) {
        Bounds.gemm(g);
        issue(() -> ReferenceGemm.run(g));
    }

    @Override
    public void launch(Kernel kernel, Dim3 grid, Dim3 block, KernelArgs args) {
        kernel.check(args);
        if (block.count() > 1024) {
            throw new IllegalArgumentException(kernel.symbol() + ": " + block.count() + " threads per block, CUDA allows 1024");
        }
        issue(() -> {
            launches++;
            ReferenceKernels.run(kernel, grid, block, args);
        });
    }

    @Override
    public void synchronize() {
        if (capturing != null) {
            throw new IllegalStateException("synchronize during stream capture (cudaErrorStreamCaptureUnsupported)");
        }
    }

    @Override
    public Graph capture(Runnable work) {
        if (capturing != null) {
            throw new IllegalStateException("capture is already under way");
        }
        capturing = new ArrayList<>();
        try {
            work.run();
            return new RecordedGraph(capturing);
        } finally {
            capturing = null;
        }
    }

    @Override
    public void replay(Graph graph) {
        if (!(graph instanceof RecordedGraph g) || g.outer() != this) {
            throw new IllegalArgumentException("a graph of another device");
        }
        issue(() -> g.steps.forEach(Runnable::run));
    }

    @Override
    public <T> T run(Supplier<T> work) {
        return work.get();
    }

    /** Kernel launches executed so far (graph replays count their launches). */
    public int launches() {
        return launches;
    }

    @Override
    public void close() {
    }

    private void issue(Runnable op) {
        if (capturing != null) {
            capturing.add(op);
        } else {
            op.run();
        }
    }

    static Buffer buffer(DevicePtr p) {
        if (!(p.buffer() instanceof Buffer b)) {
            throw new IllegalArgumentException("a buffer of another device");
        }
        return b;
    }
}
