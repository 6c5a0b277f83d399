package dev.lamo.envs.spaces;

/** A choice among {@code n} actions numbered 0 .. n-1. */
public record DiscreteSpace(int n) implements Space {

    public DiscreteSpace {
        if (n <= 0) {
            throw new IllegalArgumentException("discrete space needs n > 0, got " + n);
        }
    }

    @Override
    public String type() {
        return "discrete";
    }

    @Override
    public int flatSize() {
        return 1;
    }

    @Override
    public String toString() {
        return "Discrete(" + n + ")";
    }
}
