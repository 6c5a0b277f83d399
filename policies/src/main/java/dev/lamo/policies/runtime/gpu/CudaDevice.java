package dev.lamo.policies.runtime.gpu;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUgraphExec_st;
import org.bytedeco.cuda.cudart.CUgraph_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * Device 0 through the JavaCPP CUDA presets: the runtime API for memory, streams and graphs, the driver API for
 * modules and launches, cuBLAS for the GEMMs, NVRTC compiling every {@link Kernel} source to a CUBIN for this
 * device's architecture at start (so the driver never JIT-compiles PTX). Every CUDA call runs on one dedicated
 * thread: the primary context is current there, and stream capture is per thread
 * (cudaStreamCaptureModeThreadLocal), so a capture is never disturbed by calls from other threads.
 *
 * <p>The cuBLAS handle runs on the device's one non-blocking stream with no workspace (cublasSetWorkspace 0 bytes)
 * and no atomics: algorithms that split a product's reduction across thread blocks (split-K, stream-K) need one or
 * the other, so every output element is reduced inside one thread block, in an order fixed by the algorithm that the
 * call's shape selects. FP32 GEMMs use CUBLAS_COMPUTE_32F_PEDANTIC, which keeps tensor-core TF32 out even when
 * NVIDIA_TF32_OVERRIDE is set.
 */
public final class CudaDevice implements GpuDevice {

    private static CudaDevice shared;
    private static GpuUnavailableException sharedFailure;

    private final ExecutorService executor;
    private volatile Thread cudaThread;
    private final CUstream_st stream = new CUstream_st();
    private final cublasContext blas = new cublasContext();
    private final List<CUmod_st> modules = new ArrayList<>();
    private final Map<Kernel, CUfunc_st> functions = new EnumMap<>(Kernel.class);
    private final FloatPointer one = new FloatPointer(1f);
    private final FloatPointer zero = new FloatPointer(0f);
    private final DeviceInfo info;
    private boolean capturing;

    private CudaDevice() {
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cuda");
            t.setDaemon(true);
            cudaThread = t;
            return t;
        });
        try {
            this.info = run(this::start);
        } catch (RuntimeException e) {
            executor.shutdown();
            throw e;
        }
    }

    /**
     * The process's GPU, opened on first use and shared by every GPU policy (weights per engine, one stream); fails
     * with {@link GpuUnavailableException} in one line when a CUDA library or the device is missing.
     */
    public static synchronized CudaDevice shared() {
        if (shared == null) {
            if (sharedFailure != null) {
                throw sharedFailure;
            }
            try {
                CudaLibraries.load();
                shared = new CudaDevice();
            } catch (GpuUnavailableException e) {
                sharedFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /** Device pointers as JavaCPP arguments: a Pointer whose address is the device address. */
    private static final class Address extends Pointer {
        Address(long address) {
            this.address = address;
        }
    }

    private static final class Buffer implements DeviceBuffer {
        final DType type;
        final long length;
        final long address;
        boolean freed;

        Buffer(DType type, long length, long address) {
            this.type = type;
            this.length = length;
            this.address = address;
        }

        @Override
        public DType type() {
            return type;
        }

        @Override
        public long length() {
            return length;
        }
    }

    private static final class Host implements HostBuffer {
        final DType type;
        final int length;
        final long address;
        final FloatPointer floats;
        final IntPointer ints;

        Host(DType type, int length, long address) {
            this.type = type;
            this.length = length;
            this.address = address;
            Pointer p = new Address(address);
            this.floats = type == DType.F32 ? new FloatPointer(p).capacity(length) : null;
            this.ints = type == DType.I32 ? new IntPointer(p).capacity(length) : null;
        }

        @Override
        public DType type() {
            return type;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public synchronized void put(float[] src, int srcOff, int dstOff, int n) {
            Bounds.host("put", this, dstOff, n);
            floats.position(dstOff).put(src, srcOff, n);
            floats.position(0);
        }

        @Override
        public synchronized void putInts(int[] src, int srcOff, int dstOff, int n) {
            Bounds.host("putInts", this, dstOff, n);
            ints.position(dstOff).put(src, srcOff, n);
            ints.position(0);
        }

        @Override
        public synchronized void get(int srcOff, float[] dst, int dstOff, int n) {
            Bounds.host("get", this, srcOff, n);
            floats.position(srcOff).get(dst, dstOff, n);
            floats.position(0);
        }
    }

    private static final class CudaGraph implements Graph {
        final CudaDevice device;
        final CUgraphExec_st exec;
        boolean closed;

        CudaGraph(CudaDevice device, CUgraphExec_st exec) {
            this.device = device;
            this.exec = exec;
        }

        @Override
        public void close() {
            device.run(() -> {
                if (!closed) {
                    closed = true;
                    cudart.cudaGraphExecDestroy(exec);
                }
                return null;
            });
        }
    }

    /** On the CUDA thread: context, stream, cuBLAS, kernels. */
    private DeviceInfo start() {
        int[] count = new int[1];
        int status = cudart.cudaGetDeviceCount(count);
        if (status != cudart.cudaSuccess || count[0] == 0) {
            throw new GpuUnavailableException("no CUDA device (cudaGetDeviceCount: "
                    + (status != cudart.cudaSuccess ? error(status) : "0 devices") + ")");
        }
        check("cudaSetDevice", cudart.cudaSetDevice(0));
        check("cudaFree", cudart.cudaFree(null));                 // creates the primary context, current on this thread
        driver("cuInit", cudart.cuInit(0));
        cudaDeviceProp prop = new cudaDeviceProp();
        check("cudaGetDeviceProperties", cudart.cudaGetDeviceProperties(prop, 0));
        int[] driverVersion = new int[1];
        int[] runtimeVersion = new int[1];
        check("cudaDriverGetVersion", cudart.cudaDriverGetVersion(driverVersion));
        check("cudaRuntimeGetVersion", cudart.cudaRuntimeGetVersion(runtimeVersion));
        DeviceInfo d = new DeviceInfo(prop.name().getString(), prop.major(), prop.minor(), prop.totalGlobalMem(),
                driverVersion[0], runtimeVersion[0], prop.multiProcessorCount());
        check("cudaStreamCreateWithFlags", cudart.cudaStreamCreateWithFlags(stream, cudart.cudaStreamNonBlocking));
        blas("cublasCreate", cublas.cublasCreate_v2(blas));
        blas("cublasSetStream", cublas.cublasSetStream_v2(blas, stream));
        blas("cublasSetWorkspace", cublas.cublasSetWorkspace_v2(blas, null, 0));
        blas("cublasSetAtomicsMode", cublas.cublasSetAtomicsMode(blas, cublas.CUBLAS_ATOMICS_NOT_ALLOWED));
        for (String file : Kernel.files()) {
            CUmod_st module = new CUmod_st();
            BytePointer cubin = compile(file, d.architecture());
            driver("cuModuleLoadData " + file, cudart.cuModuleLoadData(module, cubin));
            cubin.deallocate();
            modules.add(module);
            for (Kernel k : Kernel.values()) {
                if (k.file().equals(file)) {
                    CUfunc_st f = new CUfunc_st();
                    driver("cuModuleGetFunction " + k.symbol(), cudart.cuModuleGetFunction(f, module, k.symbol()));
                    functions.put(k, f);
                }
            }
        }
        return d;
    }

    /**
     * A kernel source to a CUBIN for this device. --fmad=false: products and sums round separately unless the source
     * writes fmaf, as the Java twins compute them.
     */
    private static BytePointer compile(String file, String architecture) {
        _nvrtcProgram program = new _nvrtcProgram();
        nvrtc(file, nvrtc.nvrtcCreateProgram(program, new BytePointer(Kernel.source(file)), new BytePointer(file), 0,
                (PointerPointer<?>) null, (PointerPointer<?>) null));
        try {
            PointerPointer<BytePointer> options = new PointerPointer<>("--gpu-architecture=" + architecture, "--fmad=false");
            int status = nvrtc.nvrtcCompileProgram(program, 2, options);
            if (status != nvrtc.NVRTC_SUCCESS) {
                SizeTPointer size = new SizeTPointer(1);
                nvrtc.nvrtcGetProgramLogSize(program, size);
                BytePointer log = new BytePointer(size.get());
                nvrtc.nvrtcGetProgramLog(program, log);
                throw new GpuUnavailableException("NVRTC cannot compile " + file + " for " + architecture + ": "
                        + log.getString().strip().replace('\n', ' '));
            }
            SizeTPointer size = new SizeTPointer(1);
            nvrtc(file, nvrtc.nvrtcGetCUBINSize(program, size));
            BytePointer cubin = new BytePointer(size.get());
            nvrtc(file, nvrtc.nvrtcGetCUBIN(program, cubin));
            return cubin;
        } finally {
            nvrtc.nvrtcDestroyProgram(program);
        }
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    @Override
    public DeviceBuffer allocate(DType type, long length) {
        return run(() -> {
            long bytes = Math.max(1, length) * type.bytes();
            Pointer p = new Pointer();
            check("cudaMalloc of " + bytes + " bytes", cudart.cudaMalloc(p, bytes));
            check("cudaMemsetAsync", cudart.cudaMemsetAsync(p, 0, bytes, stream));
            check("cudaStreamSynchronize", cudart.cudaStreamSynchronize(stream));
            return new Buffer(type, length, p.address());
        });
    }

    @Override
    public HostBuffer allocateHost(DType type, int length) {
        if (type == DType.BF16) {
            throw new IllegalArgumentException("pinned host buffers hold F32 or I32");
        }
        return run(() -> {
            long bytes = Math.max(1, length) * (long) type.bytes();
            Pointer p = new Pointer();
            check("cudaMallocHost of " + bytes + " bytes", cudart.cudaMallocHost(p, bytes));
            Pointer.memset(p, 0, bytes);
            return new Host(type, length, p.address());
        });
    }

    @Override
    public void free(DeviceBuffer buffer) {
        Buffer b = buffer(buffer);
        run(() -> {
            if (!b.freed) {
                b.freed = true;
                check("cudaFree", cudart.cudaFree(new Address(b.address)));
            }
            return null;
        });
    }

    @Override
    public void free(HostBuffer buffer) {
        Host h = (Host) buffer;
        run(() -> check("cudaFreeHost", cudart.cudaFreeHost(new Address(h.address))));
    }

    @Override
    public void upload(float[] src, DevicePtr dst) {
        Bounds.range("upload", dst, src.length);
        run(() -> {
            FloatPointer staging = new FloatPointer(src);
            check("cudaMemcpyAsync", cudart.cudaMemcpyAsync(address(dst), staging, 4L * src.length,
                    cudart.cudaMemcpyHostToDevice, stream));
            check("cudaStreamSynchronize", cudart.cudaStreamSynchronize(stream));
            staging.deallocate();
            return null;
        });
    }

    @Override
    public void copyToDevice(HostBuffer src, int srcOff, DevicePtr dst, int n) {
        Bounds.host("copyToDevice", src, srcOff, n);
        Bounds.range("copyToDevice", dst, n);
        if (src.type() != dst.type()) {
            throw new IllegalArgumentException("copyToDevice from " + src.type() + " to " + dst.type());
        }
        Host h = (Host) src;
        run(() -> check("cudaMemcpyAsync", cudart.cudaMemcpyAsync(address(dst), new Address(h.address + 4L * srcOff), 4L * n,
                cudart.cudaMemcpyHostToDevice, stream)));
    }

    @Override
    public void copyToHost(DevicePtr src, HostBuffer dst, int dstOff, int n) {
        Bounds.range("copyToHost", src, n);
        Bounds.host("copyToHost", dst, dstOff, n);
        if (src.type() != DType.F32 || dst.type() != DType.F32) {
            throw new IllegalArgumentException("copyToHost copies floats");
        }
        Host h = (Host) dst;
        run(() -> check("cudaMemcpyAsync", cudart.cudaMemcpyAsync(new Address(h.address + 4L * dstOff), address(src), 4L * n,
                cudart.cudaMemcpyDeviceToHost, stream)));
    }

    @Override
    public void gemm(Gemm g) {
        Bounds.gemm(g);
        run(() -> {
            boolean bf16 = g.a().type() == DType.BF16;
            int operands = bf16 ? cudart.CUDA_R_16BF : cudart.CUDA_R_32F;
            int compute = bf16 ? cublas.CUBLAS_COMPUTE_32F
                    : g.compute() == Gemm.Compute.TF32 ? cublas.CUBLAS_COMPUTE_32F_FAST_TF32 : cublas.CUBLAS_COMPUTE_32F_PEDANTIC;
            blas("cublasGemmStridedBatchedEx", cublas.cublasGemmStridedBatchedEx(blas,
                    g.transA() ? cublas.CUBLAS_OP_T : cublas.CUBLAS_OP_N, g.transB() ? cublas.CUBLAS_OP_T : cublas.CUBLAS_OP_N,
                    g.m(), g.n(), g.k(), one, address(g.a()), operands, g.lda(), g.strideA(), address(g.b()), operands,
                    g.ldb(), g.strideB(), zero, address(g.c()), cudart.CUDA_R_32F, g.ldc(), g.strideC(), g.batch(), compute,
                    cublas.CUBLAS_GEMM_DEFAULT));
            return null;
        });
    }

    @Override
    public void launch(Kernel kernel, Dim3 grid, Dim3 block, KernelArgs args) {
        kernel.check(args);
        run(() -> {
            List<KernelArgs.Arg> list = args.list();
            PointerPointer<Pointer> params = new PointerPointer<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                params.put(i, argument(list.get(i)));
            }
            driver("cuLaunchKernel " + kernel.symbol(), cudart.cuLaunchKernel(functions.get(kernel), grid.x(), grid.y(),
                    grid.z(), block.x(), block.y(), block.z(), 0, stream, params, (PointerPointer<?>) null));
            return null;
        });
    }

    /** Host memory holding one argument's value; cuLaunchKernel copies the values (and so does a captured graph node). */
    private static Pointer argument(KernelArgs.Arg a) {
        if (a instanceof KernelArgs.Ptr p) {
            return new LongPointer(1).put(0, address(p.value()).address());
        } else if (a instanceof KernelArgs.I32 i) {
            return new IntPointer(1).put(0, i.value());
        } else if (a instanceof KernelArgs.I64 l) {
            return new LongPointer(1).put(0, l.value());
        } else {
            return new FloatPointer(1).put(0, ((KernelArgs.F32) a).value());
        }
    }

    @Override
    public void synchronize() {
        run(() -> {
            if (capturing) {
                throw new IllegalStateException("synchronize during stream capture");
            }
            return check("cudaStreamSynchronize", cudart.cudaStreamSynchronize(stream));
        });
    }

    @Override
    public Graph capture(Runnable work) {
        return run(() -> {
            check("cudaStreamBeginCapture", cudart.cudaStreamBeginCapture(stream, cudart.cudaStreamCaptureModeThreadLocal));
            capturing = true;
            CUgraph_st graph = new CUgraph_st();
            try {
                work.run();
            } finally {
                capturing = false;
                check("cudaStreamEndCapture", cudart.cudaStreamEndCapture(stream, graph));
            }
            CUgraphExec_st exec = new CUgraphExec_st();
            check("cudaGraphInstantiate", cudart.cudaGraphInstantiate(exec, graph, 0L));
            check("cudaGraphDestroy", cudart.cudaGraphDestroy(graph));
            return new CudaGraph(this, exec);
        });
    }

    @Override
    public void replay(Graph graph) {
        if (!(graph instanceof CudaGraph g) || g.device != this || g.closed) {
            throw new IllegalArgumentException("a closed graph or one of another device");
        }
        run(() -> check("cudaGraphLaunch", cudart.cudaGraphLaunch(g.exec, stream)));
    }

    @Override
    public <T> T run(Supplier<T> work) {
        if (Thread.currentThread() == cudaThread) {
            return work.get();
        }
        Future<T> f = executor.submit(work::get);
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the GPU", e);
        }
    }

    /** The process's device is never closed (it ends with the JVM); a device of one's own would close here. */
    @Override
    public void close() {
    }

    private static Buffer buffer(DeviceBuffer b) {
        if (!(b instanceof Buffer buf)) {
            throw new IllegalArgumentException("a buffer of another device");
        }
        return buf;
    }

    private static Pointer address(DevicePtr p) {
        Buffer b = buffer(p.buffer());
        if (b.freed) {
            throw new IllegalStateException("use of a freed device buffer");
        }
        return new Address(b.address + p.offset() * b.type.bytes());
    }

    private static Void check(String call, int status) {
        if (status != cudart.cudaSuccess) {
            throw new GpuUnavailableException(call + " failed: " + error(status));
        }
        return null;
    }

    private static void driver(String call, int status) {
        if (status != cudart.CUDA_SUCCESS) {
            throw new GpuUnavailableException(call + " failed: CUresult " + status);
        }
    }

    private static void blas(String call, int status) {
        if (status != cublas.CUBLAS_STATUS_SUCCESS) {
            throw new GpuUnavailableException(call + " failed: " + cublas.cublasGetStatusString(status).getString());
        }
    }

    private static void nvrtc(String file, int status) {
        if (status != nvrtc.NVRTC_SUCCESS) {
            throw new GpuUnavailableException("NVRTC on " + file + ": " + nvrtc.nvrtcGetErrorString(status).getString());
        }
    }

    private static String error(int status) {
        return cudart.cudaGetErrorString(status).getString() + " (" + status + ")";
    }
}
