package dev.lamo.policies.runtime.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The CUDA kernels of the GPU forward: header-free {@code extern "C"} functions in {@code .cu} resources next to
 * this class, compiled by NVRTC at start. Each declares its C parameter types here, so a launch with arguments of
 * the wrong number or kind fails on the host (on both devices) instead of reading garbage on the GPU; a test checks
 * these declarations against the {@code .cu} sources. {@link ReferenceKernels} holds each kernel's Java twin.
 */
public enum Kernel {
    BIAS_ADD("rows.cu", "bias_add", Param.PTR_F32, Param.I32, Param.I64, Param.I32, Param.I32, Param.I32, Param.PTR_F32),
    ADD_ROWS("rows.cu", "add_rows", Param.PTR_F32, Param.I32, Param.I64, Param.PTR_F32, Param.I32, Param.I64, Param.I32,
            Param.I32, Param.I32),
    ACTIVATE("rows.cu", "activate", Param.I32, Param.PTR_F32, Param.I32, Param.I64, Param.PTR_F32, Param.I32, Param.I64,
            Param.I32, Param.I32, Param.I32),
    LAYER_NORM("layer_norm.cu", "layer_norm", Param.PTR_F32, Param.I32, Param.I64, Param.PTR_F32, Param.I32, Param.I64,
            Param.I32, Param.I32, Param.I32, Param.PTR_F32, Param.PTR_F32, Param.F32),
    CAUSAL_ATTENTION("attention.cu", "causal_attention", Param.PTR_F32, Param.I32, Param.I64, Param.PTR_F32, Param.I32,
            Param.I64, Param.PTR_I32, Param.I32, Param.I32, Param.I32, Param.I32, Param.F32, Param.I32),
    DT_PREPARE("dt_inputs.cu", "dt_prepare", Param.PTR_F32, Param.PTR_F32, Param.PTR_F32, Param.PTR_I32, Param.PTR_I32,
            Param.PTR_F32, Param.PTR_F32, Param.F32, Param.I32, Param.I32, Param.I32, Param.I32, Param.PTR_F32, Param.PTR_F32,
            Param.PTR_F32, Param.PTR_I32),
    ADD_TIMESTEP("dt_inputs.cu", "add_timestep", Param.PTR_F32, Param.I32, Param.I64, Param.I32, Param.I32, Param.PTR_I32,
            Param.PTR_F32, Param.I32),
    TO_BF16("bf16.cu", "to_bf16", Param.PTR_F32, Param.I32, Param.I64, Param.I32, Param.I32, Param.I32, Param.PTR_BF16);

    /** C parameter types a kernel may take. */
    public enum Param {
        PTR_F32("float*"), PTR_I32("int*"), PTR_BF16("unsigned short*"), I32("int"), I64("long long"), F32("float");

        /** The C type as the .cu source spells it, const aside. */
        public final String c;

        Param(String c) {
            this.c = c;
        }
    }

    /** Threads per block of the row kernels and LayerNorm (layer_norm.cu's shared arrays hold this many partial sums). */
    public static final int ROW_THREADS = 256;

    private final String file;
    private final String symbol;
    private final List<Param> params;

    Kernel(String file, String symbol, Param... params) {
        this.file = file;
        this.symbol = symbol;
        this.params = List.of(params);
    }

    /** The resource file that defines this kernel. */
    public String file() {
        return file;
    }

    /** The kernel's C name. */
    public String symbol() {
        return symbol;
    }

    public List<Param> params() {
        return params;
    }

    /** Whether {@code args} match this kernel's parameters in number and kind; a one-line failure otherwise. */
    public void check(KernelArgs args) {
        List<KernelArgs.Arg> list = args.list();
        if (list.size() != params.size()) {
            throw new IllegalArgumentException(symbol + " takes " + params.size() + " arguments, got " + list.size());
        }
        for (int i = 0; i < list.size(); i++) {
            Param p = params.get(i);
            KernelArgs.Arg a = list.get(i);
            boolean ok = switch (p) {
                case PTR_F32 -> a instanceof KernelArgs.Ptr ptr && ptr.value().type() == DType.F32;
                case PTR_I32 -> a instanceof KernelArgs.Ptr ptr && ptr.value().type() == DType.I32;
                case PTR_BF16 -> a instanceof KernelArgs.Ptr ptr && ptr.value().type() == DType.BF16;
                case I32 -> a instanceof KernelArgs.I32;
                case I64 -> a instanceof KernelArgs.I64;
                case F32 -> a instanceof KernelArgs.F32;
            };
            if (!ok) {
                throw new IllegalArgumentException(symbol + " argument " + i + " must be " + p.c + ", got " + a);
            }
        }
    }

    /** Every kernel source file. */
    public static List<String> files() {
        return java.util.Arrays.stream(values()).map(Kernel::file).distinct().toList();
    }

    /** The text of a kernel source file. */
    public static String source(String file) {
        try (InputStream in = Kernel.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("kernel source " + file + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
