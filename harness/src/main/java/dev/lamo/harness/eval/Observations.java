package dev.lamo.harness.eval;

import java.util.Arrays;
import java.util.List;

/**
 * Observations of several episodes, row-major, as the policy reads them: float32 vectors (MuJoCo), or uint8
 * stacked frames (the arcade games, a quarter of the bytes floats would take).
 *
 * @param floats row-major vectors, or null for frames
 * @param bytes  row-major frames, or null for vectors
 * @param size   values per row
 */
record Observations(float[] floats, byte[] bytes, int size) {

    static final Observations NONE = new Observations(new float[0], null, 0);

    static Observations ofFloats(float[] rows, int size) {
        return new Observations(rows, null, size);
    }

    static Observations ofFrames(byte[] rows, int size) {
        return new Observations(null, rows, size);
    }

    boolean frames() {
        return bytes != null;
    }

    int rows() {
        int length = frames() ? bytes.length : floats.length;
        return size == 0 ? 0 : length / size;
    }

    /** Row {@code j} alone (this, when it is the only row: nothing mutates observations). */
    Observations row(int j) {
        if (j == 0 && rows() == 1) {
            return this;
        }
        return frames() ? ofFrames(Arrays.copyOfRange(bytes, j * size, (j + 1) * size), size)
                : ofFloats(Arrays.copyOfRange(floats, j * size, (j + 1) * size), size);
    }

    /** Single rows, one after another (all of one kind and size). */
    static Observations concat(List<Observations> rows) {
        if (rows.isEmpty()) {
            return NONE;
        }
        if (rows.size() == 1) {
            return rows.get(0);
        }
        Observations first = rows.get(0);
        int s = first.size();
        if (first.frames()) {
            byte[] all = new byte[rows.size() * s];
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(rows.get(i).bytes(), 0, all, i * s, s);
            }
            return ofFrames(all, s);
        }
        float[] all = new float[rows.size() * s];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i).floats(), 0, all, i * s, s);
        }
        return ofFloats(all, s);
    }

    void write(Wire.Writer w) {
        w.integer(size).integer(frames() ? 1 : 0);
        if (frames()) {
            w.bytes(bytes);
        } else {
            w.floats(floats);
        }
    }

    static Observations read(Wire.Reader r) {
        int size = r.integer();
        return r.integer() == 1 ? ofFrames(r.bytes(), size) : ofFloats(r.floats(), size);
    }
}
