package dev.lamo.policies.runtime.gpu;

/**
 * Host-side checks that every element a copy or GEMM touches lies inside its buffer, made by both devices before
 * issuing: on the GPU an out-of-bounds address is silent corruption or a sticky fault that ends the context.
 */
final class Bounds {

    private Bounds() {
    }

    static void range(String what, DevicePtr p, long n) {
        if (n < 0 || p.offset() + n > p.buffer().length()) {
            throw new IllegalArgumentException(what + ": elements " + p.offset() + " .. " + (p.offset() + n) + " outside a "
                    + p.type() + " buffer of " + p.buffer().length());
        }
    }

    static void host(String what, HostBuffer h, int off, int n) {
        if (off < 0 || n < 0 || (long) off + n > h.length()) {
            throw new IllegalArgumentException(what + ": host elements " + off + " .. " + ((long) off + n) + " outside a pinned "
                    + "buffer of " + h.length());
        }
    }

    static void gemm(Gemm g) {
        if (g.batch() == 0 || g.m() == 0 || g.n() == 0) {
            return;
        }
        operand("gemm A", g.a(), g.transA() ? g.k() : g.m(), g.transA() ? g.m() : g.k(), g.lda(), g.strideA(), g.batch());
        operand("gemm B", g.b(), g.transB() ? g.n() : g.k(), g.transB() ? g.k() : g.n(), g.ldb(), g.strideB(), g.batch());
        operand("gemm C", g.c(), g.m(), g.n(), g.ldc(), g.strideC(), g.batch());
    }

    private static void operand(String what, DevicePtr p, int rows, int cols, int ld, long stride, int batch) {
        if (stride < 0) {
            throw new IllegalArgumentException(what + ": negative batch stride " + stride);
        }
        range(what, p, (batch - 1) * stride + Gemm.extent(rows, cols, ld));
    }
}
