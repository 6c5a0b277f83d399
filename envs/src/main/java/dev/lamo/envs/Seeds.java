package dev.lamo.envs;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The project's only sources of randomness. Every random choice takes an explicit seed; derived seeds
 * (episode i of run s, target t, ...) are mixed with SplitMix64 so that neighbouring inputs give
 * unrelated streams and results never depend on which thread or worker ran what.
 */
public final class Seeds {

    /** Java 17's L64X128MixRandom: an algorithm specified by the JDK, so streams match on every JVM. */
    private static final RandomGeneratorFactory<RandomGenerator> FACTORY = RandomGeneratorFactory.of("L64X128MixRandom");

    private Seeds() {
    }

    /** A generator whose whole stream is determined by {@code seed}. */
    public static RandomGenerator rng(long seed) {
        return FACTORY.create(seed);
    }

    /** A seed derived from a base seed and a path of indices, for example (seed, target, episode). */
    public static long derive(long seed, long... path) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (long p : path) {
            h = mix(h + 0x9E3779B97F4A7C15L * (p + 1));
        }
        return h;
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
