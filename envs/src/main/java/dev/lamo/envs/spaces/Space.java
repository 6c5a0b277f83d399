package dev.lamo.envs.spaces;

/** An observation or action space, as in gymnasium: a bounded box of numbers or a set of n choices. */
public sealed interface Space permits BoxSpace, DiscreteSpace {

    /** The gymnasium-style type name: {@code "box"} or {@code "discrete"}. */
    String type();

    /** Number of scalar values one element of this space holds (1 for discrete). */
    int flatSize();
}
