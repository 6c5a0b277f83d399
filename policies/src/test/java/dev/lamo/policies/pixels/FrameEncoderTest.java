package dev.lamo.policies.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.lamo.policies.djl.DjlRuntime;
import org.junit.jupiter.api.Test;

class FrameEncoderTest {

    @Test
    void natureCnnShapesParametersAndScaling() {
        DjlRuntime.configure();
        try (NDManager m = NDManager.newBaseManager()) {
            FrameEncoder encoder = new FrameEncoder(128);
            encoder.initialize(m, DataType.FLOAT32, new Shape(2, 4, 84, 84));
            long count = encoder.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            // conv 4·32·8·8+32, 32·64·4·4+64, 64·64·3·3+64, projection 3136·128+128
            assertEquals(8_224 + 32_832 + 36_928 + 401_536, count);
            byte[] pixels = new byte[2 * 4 * 84 * 84];
            float[] scaled = new float[pixels.length];
            for (int i = 0; i < pixels.length; i++) {
                int v = (i * 37) % 256;
                pixels[i] = (byte) v;
                scaled[i] = v / 255f;
            }
            ParameterStore ps = new ParameterStore(m, false);
            NDArray fromBytes = encoder.forward(ps, new NDList(m.create(java.nio.ByteBuffer.wrap(pixels), new Shape(2, 4, 84, 84),
                    DataType.UINT8)), false).singletonOrThrow();
            NDArray fromFloats = encoder.forward(ps, new NDList(m.create(scaled, new Shape(2, 4, 84, 84))), false)
                    .singletonOrThrow();
            assertArrayEquals(new long[] {2, 128}, fromBytes.getShape().getShape());
            float[] a = fromBytes.toFloatArray();
            float[] b = fromFloats.toFloatArray();
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], 1e-5, "uint8 frames are scaled to [0, 1]");
            }
        }
    }
}
