package dev.lamo.policies.runtime.gpu;

/**
 * The device operations of the GPU forward, and nothing else: device and pinned host buffers, copies, strided-batched
 * GEMMs with cuBLAS's parameter contract ({@link Gemm}), launches of the {@link Kernel}s by their own grid and block
 * geometry, and CUDA graphs. Copies, GEMMs and launches are asynchronous, in order on one stream;
 * {@link #synchronize()} waits for them. Two implementations: {@link CudaDevice} (the GPU) and {@link ReferenceDevice}
 * (Java, executing each kernel thread by thread as the kernel indexes its data, so that wrong geometry or offsets fail
 * the tests that run the forward's host logic without a GPU).
 */
public interface GpuDevice extends AutoCloseable {

    DeviceInfo info();

    /** Device memory of {@code length} elements, zeroed. */
    DeviceBuffer allocate(DType type, long length);

    /** Page-locked host memory of {@code length} elements (F32 or I32), zeroed. */
    HostBuffer allocateHost(DType type, int length);

    /** Returns device memory (after everything using it has finished). */
    void free(DeviceBuffer buffer);

    /** Returns pinned host memory. */
    void free(HostBuffer buffer);

    /** Copies floats into device memory and waits (weights, once per checkpoint). */
    void upload(float[] src, DevicePtr dst);

    /** Copies {@code n} elements of pinned host memory to the device, asynchronously (capturable in a graph). */
    void copyToDevice(HostBuffer src, int srcOff, DevicePtr dst, int n);

    /** Copies {@code n} floats of device memory to pinned host memory, asynchronously (capturable in a graph). */
    void copyToHost(DevicePtr src, HostBuffer dst, int dstOff, int n);

    void gemm(Gemm g);

    /** Launches a kernel; {@code args} must match its {@link Kernel#params()}. */
    void launch(Kernel kernel, Dim3 grid, Dim3 block, KernelArgs args);

    /** Waits until everything issued so far has finished. */
    void synchronize();

    /**
     * Records what {@code work} issues (copies, GEMMs, launches; nothing runs) into an executable graph. Arguments and
     * addresses are frozen at capture; pinned host buffers are read and written when the graph runs.
     */
    Graph capture(Runnable work);

    /** Runs a captured graph on the stream, asynchronously. */
    void replay(Graph graph);

    /**
     * Runs {@code work} where this device's calls are made (CudaDevice: its one CUDA thread, since stream capture and
     * the current context are per thread), and returns its result.
     */
    <T> T run(java.util.function.Supplier<T> work);

    /** An executable graph of one device. */
    interface Graph extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    void close();
}
