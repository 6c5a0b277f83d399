package dev.lamo.harness.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/** What crosses the clustered event bus: every message survives its binary codec, frames as bytes. */
class MessagesWireTest {

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T message) {
        WireCodec<T> codec = (WireCodec<T>) Messages.codecs().stream().filter(c -> c.type() == message.getClass())
                .findFirst().orElseThrow();
        Buffer buffer = Buffer.buffer();
        buffer.appendString("prefix");
        codec.encodeToWire(buffer, message);
        return codec.decodeFromWire(6, buffer);
    }

    @Test
    void stepResultsCarryFramesAsBytesAndVectorsAsFloats() {
        byte[] frames = new byte[2 * 3];
        frames[4] = (byte) 200;
        Messages.StepResults withFrames = new Messages.StepResults(new int[] {4, 9}, Observations.ofFrames(frames, 3),
                new double[] {1, -1}, new byte[] {Messages.RUNNING, Messages.TERMINATED}, new String[] {null, "x"}, 77);
        Messages.StepResults back = roundTrip(withFrames);
        assertArrayEquals(new int[] {4, 9}, back.slots());
        assertArrayEquals(frames, back.observations().bytes());
        assertNull(back.observations().floats());
        assertEquals(3, back.observations().size());
        assertArrayEquals(new double[] {1, -1}, back.rewards());
        assertEquals("x", back.failures()[1]);
        assertEquals(77, back.physicsNanos());

        Messages.ActRequest vectors = new Messages.ActRequest(new int[] {1}, Observations.ofFloats(new float[] {0.5f, -2f}, 2),
                new double[] {3}, new byte[] {1}, new double[] {90});
        Messages.ActRequest act = roundTrip(vectors);
        assertArrayEquals(new float[] {0.5f, -2f}, act.observations().floats());
        assertNull(act.observations().bytes());
        assertArrayEquals(new double[] {90}, act.targets());
    }
}
