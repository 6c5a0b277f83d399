package dev.lamo.policies.runtime.gpu;

import dev.lamo.policies.runtime.EngineOps;

/**
 * The forward's steps as device calls: the launch geometry of each kernel and the GEMM parameters of each affine layer,
 * over {@link RowView}s of {@code episodes} episodes with {@code rows} rows each.
 *
 * <p>Batch invariance by construction. Kernels compute each row (LayerNorm, point-wise) or each (episode, head)
 * (attention) in one block with a fixed order of operations that does not depend on how many rows are launched.
 * Every GEMM is issued per episode as a strided batch and in calls of exactly {@code episodesPerCall} episodes, so
 * every call the forward makes for a given layer has the same m, n, k, leading dimensions, strides and batch count
 * whatever the batch size: cuBLAS chooses its algorithm from these parameters alone, so every episode's products come
 * from the same kernel configuration, and the cuBLAS handle has no workspace and no atomics
 * ({@link CudaDevice}), which rules out split-K and stream-K variants whose partial sums would depend on neighbours.
 */
final class ForwardOps {

    private final GpuDevice device;
    private final Precision precision;
    private final int episodesPerCall;
    /** bf16 copies of GEMM inputs, packed (null unless bf16). */
    private final DeviceBuffer bf16Scratch;

    ForwardOps(GpuDevice device, Precision precision, int episodesPerCall, DeviceBuffer bf16Scratch) {
        this.device = device;
        this.precision = precision;
        this.episodesPerCall = episodesPerCall;
        this.bf16Scratch = bf16Scratch;
    }

    /** Threads of a row kernel for rows of n values: a power of two (LayerNorm's tree needs one), 32 .. 256. */
    static int rowThreads(int n) {
        int t = 32;
        while (t < n && t < Kernel.ROW_THREADS) {
            t *= 2;
        }
        return t;
    }

    /** y = x·W + b for {@code rows} rows per episode (y must not overlap x). */
    void linear(DeviceDense d, RowView x, RowView y, int episodes, int rows) {
        if (episodes % episodesPerCall != 0) {
            throw new IllegalArgumentException(episodes + " episodes are not a whole number of GEMM calls of "
                    + episodesPerCall);
        }
        RowView in = x;
        DevicePtr w = d.weight();
        if (precision == Precision.BF16) {
            // packed bf16 rows: (episodes·rows, in)
            device.launch(Kernel.TO_BF16, Dim3.of(episodes * rows), Dim3.of(rowThreads(d.in())), new KernelArgs()
                    .ptr(x.p()).i32(x.ld()).i64(x.es()).i32(rows).i32(episodes * rows).i32(d.in()).ptr(bf16Scratch.at(0)));
            in = new RowView(bf16Scratch.at(0), d.in(), (long) rows * d.in());
            w = d.weightBf16();
        }
        // row-major Y (rows × out) = X (rows × in) · W (in × out) is column-major Yᵀ = Wᵀ · Xᵀ: m = out, n = rows, k = in
        for (int e = 0; e < episodes; e += episodesPerCall) {
            RowView xe = in.episode(e);
            RowView ye = y.episode(e);
            device.gemm(new Gemm(false, false, d.out(), rows, d.in(), w, d.ld(), 0, xe.p(), xe.ld(), xe.es(), ye.p(), ye.ld(),
                    ye.es(), episodesPerCall, precision.compute()));
        }
        device.launch(Kernel.BIAS_ADD, Dim3.of(episodes * rows), Dim3.of(rowThreads(d.out())), new KernelArgs()
                .ptr(y.p()).i32(y.ld()).i64(y.es()).i32(rows).i32(episodes * rows).i32(d.out()).ptr(d.bias()));
    }

    /** y += x over n columns. */
    void add(RowView x, RowView y, int episodes, int rows, int n) {
        device.launch(Kernel.ADD_ROWS, Dim3.of(episodes * rows), Dim3.of(rowThreads(n)), new KernelArgs()
                .ptr(x.p()).i32(x.ld()).i64(x.es()).ptr(y.p()).i32(y.ld()).i64(y.es()).i32(rows).i32(episodes * rows).i32(n));
    }

    /** y = f(x) over n columns (y may be x). */
    void activate(EngineOps.Activation f, RowView x, RowView y, int episodes, int rows, int n) {
        device.launch(Kernel.ACTIVATE, Dim3.of(episodes * rows), Dim3.of(rowThreads(n)), new KernelArgs()
                .i32(code(f)).ptr(x.p()).i32(x.ld()).i64(x.es()).ptr(y.p()).i32(y.ld()).i64(y.es()).i32(rows)
                .i32(episodes * rows).i32(n));
    }

    /** rows.cu's activation codes. */
    static int code(EngineOps.Activation f) {
        return switch (f) {
            case RELU -> 0;
            case GELU_TANH -> 1;
            case GELU_ERF -> 2;
            case TANH -> 3;
        };
    }

    /** y = LayerNorm(x)·γ + β over n columns (y may be x). */
    void layerNorm(RowView x, RowView y, int episodes, int rows, int n, DevicePtr gamma, DevicePtr beta, float eps) {
        device.launch(Kernel.LAYER_NORM, Dim3.of(episodes * rows), Dim3.of(rowThreads(n)), new KernelArgs()
                .ptr(x.p()).i32(x.ld()).i64(x.es()).ptr(y.p()).i32(y.ld()).i64(y.es()).i32(rows).i32(episodes * rows).i32(n)
                .ptr(gamma).ptr(beta).f32(eps));
    }

    /**
     * Causal attention of windows of K steps (T = 3K − 1 tokens) whose fused Q|K|V rows {@code qkv} holds, for the
     * queries from {@code firstQuery} on, into {@code out} (row 0 = token firstQuery).
     */
    void attention(RowView qkv, RowView out, DevicePtr lengths, int episodes, int window, int tokens, int heads, int headSize,
                   float scale, int firstQuery) {
        int threads = Math.min(128, 32 * ((tokens - firstQuery + 31) / 32));
        device.launch(Kernel.CAUSAL_ATTENTION, Dim3.of(episodes * heads), Dim3.of(threads), new KernelArgs()
                .ptr(qkv.p()).i32(qkv.ld()).i64(qkv.es()).ptr(out.p()).i32(out.ld()).i64(out.es()).ptr(lengths).i32(window)
                .i32(tokens).i32(heads).i32(headSize).f32(scale).i32(firstQuery));
    }

    /** x row i of each episode += table[timesteps[episode, i / 3]] over n columns. */
    void addTimesteps(RowView x, DevicePtr timesteps, DevicePtr table, int episodes, int window, int tokens, int n) {
        device.launch(Kernel.ADD_TIMESTEP, Dim3.of(episodes * tokens), Dim3.of(rowThreads(n)), new KernelArgs()
                .ptr(x.p()).i32(x.ld()).i64(x.es()).i32(tokens).i32(window).ptr(timesteps).ptr(table).i32(n));
    }
}
