package dev.lamo.policies.runtime.gpu;

/**
 * Rows of a batch of episodes in a device buffer: an episode's rows start at {@code p + e·es} and follow each other at
 * {@code ld} elements. The same view serves as a kernel's (pointer, ld, es) and as a strided-batched GEMM operand
 * (leading dimension ld, batch stride es), so a forward step reads and writes the interleaved token rows, one token
 * per episode, or a column block of a fused matrix without copies.
 */
record RowView(DevicePtr p, int ld, long es) {

    /** The same rows from {@code row} of each episode on. */
    RowView row(int row) {
        return new RowView(p.plus((long) row * ld), ld, es);
    }

    /** The same rows from column {@code column} on. */
    RowView column(int column) {
        return new RowView(p.plus(column), ld, es);
    }

    /** Episode {@code e} onward. */
    RowView episode(int e) {
        return new RowView(p.plus(e * es), ld, es);
    }

    /** Contiguous rows of n values, {@code rowsPerEpisode} per episode. */
    static RowView packed(DeviceBuffer b, int n, int rowsPerEpisode) {
        return new RowView(b.at(0), n, (long) n * rowsPerEpisode);
    }
}
