package dev.lamo.policies.runtime.gpu;

/** A CUDA grid or block extent. */
public record Dim3(int x, int y, int z) {

    public Dim3 {
        if (x < 1 || y < 1 || z < 1) {
            throw new IllegalArgumentException("launch extent " + x + "×" + y + "×" + z + " has a zero or negative side");
        }
    }

    public static Dim3 of(int x) {
        return new Dim3(x, 1, 1);
    }

    public long count() {
        return (long) x * y * z;
    }
}
