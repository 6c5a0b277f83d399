package dev.lamo.policies.gpt2;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.lamo.policies.djl.DjlRuntime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Gpt2CheckpointTest {

    private static final Gpt2Config TINY = new Gpt2Config(2, 16, 2, 8, 20, null, "gelu_new", 1e-5, 0, 0, 0);

    private static float[] forward(Gpt2Model model, NDManager m) {
        float[] x = new float[2 * 5 * 16];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i);
        }
        return model.forwardEmbeddings(new ParameterStore(m, false), m.create(x, new Shape(2, 5, 16)), null, true, null,
                false, false).toFloatArray();
    }

    private static Gpt2Model fresh(NDManager m) {
        Gpt2Model model = new Gpt2Model(TINY, null);
        model.initialize(m, DataType.FLOAT32, new Shape(1, 1, 16));
        return model;
    }

    @Test
    void savedAndLoadedCheckpointGivesIdenticalOutputs(@TempDir Path dir) throws Exception {
        DjlRuntime.configure();
        try (NDManager m = NDManager.newBaseManager()) {
            Gpt2Model a = Gpt2ModelTest.randomModel(m, TINY, 3);
            Gpt2Checkpoint.save(a, dir, false, Map.of());
            assertEquals(TINY, Gpt2Checkpoint.readConfig(dir));
            Gpt2Model b = fresh(m);
            Gpt2Checkpoint.load(b, dir);
            assertArrayEquals(forward(a, m), forward(b, m));
        }
    }

    /** Writes a safetensors file with arbitrary dtypes and extra tensors, as files in the wild have them. */
    private static void writeWild(Path file, Map<String, float[]> values, Map<String, long[]> shapes, String dtype)
            throws IOException {
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        int width = dtype.equals("F32") ? 4 : 2;
        for (String k : values.keySet()) {
            long n = values.get(k).length;
            header.append(header.length() > 1 ? "," : "").append('"').append(k).append("\":{\"dtype\":\"").append(dtype)
                    .append("\",\"shape\":").append(java.util.Arrays.toString(shapes.get(k)).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(offset + width * n).append("]}");
            offset += width * n;
        }
        header.append('}');
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate((int) (8 + h.length + offset)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h);
        for (float[] v : values.values()) {
            for (float f : v) {
                if (width == 4) {
                    buf.putFloat(f);
                } else {
                    buf.putShort((short) (Float.floatToIntBits(f) >>> 16)); // bfloat16: the high half
                }
            }
        }
        Files.write(file, buf.array());
    }

    @Test
    void loadsPrefixedBf16FilesWithTiedHeadAndMaskBuffers(@TempDir Path dir) throws Exception {
        DjlRuntime.configure();
        try (NDManager m = NDManager.newBaseManager()) {
            Gpt2Model a = Gpt2ModelTest.randomModel(m, TINY, 4);
            Gpt2Checkpoint.save(a, dir, false, Map.of());
            Map<String, float[]> values = new LinkedHashMap<>();
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (Map.Entry<String, Parameter> e : a.huggingFaceParameters().entrySet()) {
                float[] v = e.getValue().getArray().toFloatArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] = Float.intBitsToFloat(Float.floatToIntBits(v[i]) & 0xFFFF0000); // exactly representable in bf16
                }
                e.getValue().getArray().set(java.nio.FloatBuffer.wrap(v));
                values.put("transformer." + e.getKey(), v);
                shapes.put("transformer." + e.getKey(), e.getValue().getArray().getShape().getShape());
            }
            values.put("lm_head.weight", values.get("transformer.wte.weight"));
            shapes.put("lm_head.weight", new long[] {20, 16});
            values.put("transformer.h.0.attn.bias", new float[64]);
            shapes.put("transformer.h.0.attn.bias", new long[] {1, 1, 8, 8});
            values.put("transformer.h.0.attn.masked_bias", new float[] {-1e4f});
            shapes.put("transformer.h.0.attn.masked_bias", new long[] {});
            writeWild(dir.resolve("model.safetensors"), values, shapes, "BF16");
            Gpt2Model b = fresh(m);
            Gpt2Checkpoint.load(b, dir);
            assertArrayEquals(forward(a, m), forward(b, m));
        }
    }

    @Test
    void missingOrMisshapedTensorsAreNamed(@TempDir Path dir) throws Exception {
        DjlRuntime.configure();
        try (NDManager m = NDManager.newBaseManager()) {
            Gpt2Model a = Gpt2ModelTest.randomModel(m, TINY, 5);
            Map<String, float[]> values = new LinkedHashMap<>();
            Map<String, long[]> shapes = new LinkedHashMap<>();
            a.huggingFaceParameters().forEach((k, p) -> {
                if (!k.equals("h.1.mlp.c_fc.bias")) {
                    values.put(k, p.getArray().toFloatArray());
                    shapes.put(k, p.getArray().getShape().getShape());
                }
            });
            Gpt2Checkpoint.save(a, dir, false, Map.of());
            writeWild(dir.resolve("model.safetensors"), values, shapes, "F32");
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Gpt2Checkpoint.load(fresh(m), dir));
            assertEquals(dir + ": missing tensor 'h.1.mlp.c_fc.bias'", missing.getMessage());
            values.put("h.1.mlp.c_fc.bias", new float[63]);
            shapes.put("h.1.mlp.c_fc.bias", new long[] {63});
            writeWild(dir.resolve("model.safetensors"), values, shapes, "F32");
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> Gpt2Checkpoint.load(fresh(m), dir));
            assertEquals(dir + ": tensor 'h.1.mlp.c_fc.bias' has shape [63], expected [64]", shape.getMessage());
        }
    }
}
