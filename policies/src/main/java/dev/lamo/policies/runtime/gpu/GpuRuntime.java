package dev.lamo.policies.runtime.gpu;

import dev.lamo.policies.Policy;
import dev.lamo.policies.runtime.DtSpec;

/**
 * The process's GPU as a policy runtime: whether it is usable (probed once: loading the CUDA libraries and opening
 * device 0), and the GEMM precision every GPU policy of the process uses ({@code --precision}, set once by the
 * command line; the GPU and its stream are the process's too).
 */
public final class GpuRuntime {

    private static volatile Precision precision = Precision.FP32;
    private static volatile String unavailable;
    private static volatile boolean probed;
    private static volatile boolean fallbackReported;

    private GpuRuntime() {
    }

    /** Sets the precision of the GPU policies this process loads from now on. */
    public static void configure(Precision p) {
        precision = p;
    }

    public static Precision precision() {
        return precision;
    }

    /** Opens the GPU or throws {@link GpuUnavailableException} in one line naming what is missing. */
    public static void require() {
        CudaDevice.shared();
    }

    /** Whether the GPU opens; the first failure's reason is kept for {@link #reportFallback()}. */
    public static synchronized boolean available() {
        if (!probed) {
            probed = true;
            try {
                CudaDevice.shared();
            } catch (GpuUnavailableException e) {
                unavailable = e.getMessage();
            }
        }
        return unavailable == null;
    }

    /** Says once on stderr that {@code --runtime auto} runs on the CPU engine, and why. */
    public static void reportFallback() {
        if (!fallbackReported && unavailable != null) {
            fallbackReported = true;
            System.err.println("lamo: --runtime auto runs DT and LaMo on the CPU engine: no usable GPU (" + unavailable + ")");
        }
    }

    /** A DT or LaMo on the process's GPU in the configured precision. */
    public static Policy load(DtSpec spec) {
        return GpuDtPolicy.onGpu(spec, precision);
    }
}
