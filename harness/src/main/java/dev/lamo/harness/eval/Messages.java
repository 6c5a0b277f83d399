package dev.lamo.harness.eval;

import io.vertx.core.eventbus.EventBus;
import java.util.List;

/**
 * The messages of an evaluation, as records with binary codecs. Episodes are addressed by slot, a number the
 * coordinator gives each (checkpoint, target, episode index).
 */
public final class Messages {

    private Messages() {
    }

    /** Start episodes: reset a new environment per slot with its seed. */
    public record ResetRequest(int[] slots, long[] seeds) {
    }

    /** Apply one action per slot (row-major, {@code actionSize} values each). */
    public record StepRequest(int[] slots, float[] actions, int actionSize) {
    }

    /** Slot status after a reset or step. */
    static final byte RUNNING = 0;
    static final byte TERMINATED = 1;
    static final byte TRUNCATED = 2;
    static final byte FAILED = 3;

    /**
     * What the environments returned: per slot the observation (a row as the policy reads it), the reward of
     * the step (0 after a reset), a status and, for failures, the reason; physics time in nanoseconds.
     */
    public record StepResults(int[] slots, Observations observations, double[] rewards, byte[] status, String[] failures,
                       long physicsNanos) {
    }

    /**
     * A batch for one forward pass: per slot the newest observation and the reward received since the last
     * action ({@code first} marks the first step of an episode, whose return-to-go starts at {@code targets}).
     */
    public record ActRequest(int[] slots, Observations observations, double[] rewards, byte[] first, double[] targets) {
    }

    /** The actions of an {@link ActRequest}, row-major, with the time the forward pass and context building took. */
    public record ActReply(float[] actions, int actionSize, long forwardNanos, long contextNanos) {
    }

    /** Forget the contexts of finished episodes. */
    public record Release(int[] slots) {
    }

    /** Registers every codec on an event bus (each process of a cluster does the same). */
    static void registerCodecs(EventBus bus) {
        for (WireCodec<?> c : codecs()) {
            register(bus, c);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void register(EventBus bus, WireCodec<T> codec) {
        bus.registerDefaultCodec(codec.type(), codec);
    }

    static List<WireCodec<?>> codecs() {
        return List.of(
                new WireCodec<>(ResetRequest.class) {
                    void write(Wire.Writer w, ResetRequest m) {
                        w.ints(m.slots()).longs(m.seeds());
                    }

                    ResetRequest read(Wire.Reader r) {
                        return new ResetRequest(r.ints(), r.longs());
                    }
                },
                new WireCodec<>(StepRequest.class) {
                    void write(Wire.Writer w, StepRequest m) {
                        w.ints(m.slots()).floats(m.actions()).integer(m.actionSize());
                    }

                    StepRequest read(Wire.Reader r) {
                        return new StepRequest(r.ints(), r.floats(), r.integer());
                    }
                },
                new WireCodec<>(StepResults.class) {
                    void write(Wire.Writer w, StepResults m) {
                        w.ints(m.slots());
                        m.observations().write(w);
                        w.doubles(m.rewards()).bytes(m.status()).strings(m.failures()).number(m.physicsNanos());
                    }

                    StepResults read(Wire.Reader r) {
                        return new StepResults(r.ints(), Observations.read(r), r.doubles(), r.bytes(), r.strings(),
                                r.number());
                    }
                },
                new WireCodec<>(ActRequest.class) {
                    void write(Wire.Writer w, ActRequest m) {
                        w.ints(m.slots());
                        m.observations().write(w);
                        w.doubles(m.rewards()).bytes(m.first()).doubles(m.targets());
                    }

                    ActRequest read(Wire.Reader r) {
                        return new ActRequest(r.ints(), Observations.read(r), r.doubles(), r.bytes(), r.doubles());
                    }
                },
                new WireCodec<>(ActReply.class) {
                    void write(Wire.Writer w, ActReply m) {
                        w.floats(m.actions()).integer(m.actionSize()).number(m.forwardNanos()).number(m.contextNanos());
                    }

                    ActReply read(Wire.Reader r) {
                        return new ActReply(r.floats(), r.integer(), r.number(), r.number());
                    }
                },
                new WireCodec<>(Release.class) {
                    void write(Wire.Writer w, Release m) {
                        w.ints(m.slots());
                    }

                    Release read(Wire.Reader r) {
                        return new Release(r.ints());
                    }
                });
    }
}
