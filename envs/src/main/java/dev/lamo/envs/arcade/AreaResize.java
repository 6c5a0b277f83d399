package dev.lamo.envs.arcade;

/**
 * Shrinks a grey frame by area averaging, as OpenCV's {@code INTER_AREA} does for down-scaling (what gym's
 * Atari preprocessing calls): each output pixel is the mean of the source pixels its footprint covers,
 * partially covered ones weighted by the covered fraction, rounded to the nearest level. Separable (rows,
 * then columns) with the weights computed once, in 11-bit fixed point as OpenCV's integer paths do.
 */
final class AreaResize {

    private final int sourceWidth;
    private final int height;
    private final int width;
    private final Footprint rows;
    private final Footprint columns;
    private final int[] partial;
    /** Weights are fixed-point with this many fractional bits per pass. */
    private static final int BITS = 11;

    /** For each output index, the source indices it covers and their weights (summing to 1). */
    private record Footprint(int[] start, int[] count, int[] weights, int stride) {
        static Footprint of(int source, int target) {
            double scale = (double) source / target;
            int stride = (int) Math.ceil(scale) + 1;
            int[] start = new int[target];
            int[] count = new int[target];
            int[] weights = new int[target * stride];
            for (int o = 0; o < target; o++) {
                double from = o * scale;
                double to = (o + 1) * scale;
                int first = (int) Math.floor(from);
                int k = 0;
                for (int i = first; i < source && i < to; i++) {
                    double covered = Math.min(to, i + 1) - Math.max(from, i);
                    if (covered > 1e-12) {
                        if (k == 0) {
                            start[o] = i;
                        }
                        weights[o * stride + k++] = (int) Math.round(covered / scale * (1 << BITS));
                    }
                }
                count[o] = k;
            }
            return new Footprint(start, count, weights, stride);
        }
    }

    AreaResize(int sourceHeight, int sourceWidth, int height, int width) {
        this.sourceWidth = sourceWidth;
        this.height = height;
        this.width = width;
        this.rows = Footprint.of(sourceHeight, height);
        this.columns = Footprint.of(sourceWidth, width);
        this.partial = new int[height * sourceWidth];
    }

    /** Resizes {@code source} (unsigned bytes, row-major) into {@code out} at {@code offset}. */
    void resize(byte[] source, byte[] out, int offset) {
        // rows first: the inner loop runs over whole contiguous source rows, which the JIT vectorises
        int[] acc = partial;
        int[] rowStart = rows.start();
        int[] rowCount = rows.count();
        int[] rowWeights = rows.weights();
        for (int r = 0; r < height; r++) {
            int base = r * sourceWidth;
            java.util.Arrays.fill(acc, base, base + sourceWidth, 0);
            for (int k = 0; k < rowCount[r]; k++) {
                int w = rowWeights[r * rows.stride() + k];
                int src = (rowStart[r] + k) * sourceWidth;
                for (int c = 0; c < sourceWidth; c++) {
                    acc[base + c] += (source[src + c] & 0xff) * w;
                }
            }
        }
        int[] colStart = columns.start();
        int[] colCount = columns.count();
        int[] colWeights = columns.weights();
        int stride = columns.stride();
        long half = 1L << (2 * BITS - 1);
        for (int r = 0; r < height; r++) {
            int base = r * sourceWidth;
            int o = offset + r * width;
            for (int c = 0; c < width; c++) {
                long s = 0;
                int from = base + colStart[c];
                for (int k = 0; k < colCount[c]; k++) {
                    s += (long) acc[from + k] * colWeights[c * stride + k];
                }
                out[o + c] = (byte) Math.min(255, (s + half) >> (2 * BITS));
            }
        }
    }
}
