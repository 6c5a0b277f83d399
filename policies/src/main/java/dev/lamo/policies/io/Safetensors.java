package dev.lamo.policies.io;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length, a JSON header mapping each
 * tensor name to its dtype, shape and byte range, then the raw little-endian data. Reading maps each tensor
 * from the file separately, so files larger than 2 GB load (DJL's own reader stops at 2 GB).
 */
public final class Safetensors {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A tensor in the file: its dtype name (F32, F16, BF16, F64, I64, I32, U8, BOOL, ...), shape and bytes. */
    public record Tensor(String dtype, long[] shape, ByteBuffer data) {

        public long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        /** Values as float32, upcasting F16 and BF16 and rounding F64. */
        public float[] toFloats() {
            int n = Math.toIntExact(elements());
            float[] out = new float[n];
            ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            switch (dtype) {
                case "F32" -> b.asFloatBuffer().get(out);
                case "F64" -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = (float) b.getDouble(8 * i);
                    }
                }
                case "F16" -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = halfToFloat(b.getShort(2 * i));
                    }
                }
                case "BF16" -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xFFFF) << 16);
                    }
                }
                default -> throw new IllegalArgumentException("tensor of dtype " + dtype + " is not a floating-point tensor");
            }
            return out;
        }

        /** Values as longs (I64, I32, U8, BOOL). */
        public long[] toLongs() {
            int n = Math.toIntExact(elements());
            long[] out = new long[n];
            ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                out[i] = switch (dtype) {
                    case "I64" -> b.getLong(8 * i);
                    case "I32" -> b.getInt(4 * i);
                    case "U8", "BOOL" -> b.get(i) & 0xFF;
                    default -> throw new IllegalArgumentException("tensor of dtype " + dtype + " is not an integer tensor");
                };
            }
            return out;
        }
    }

    /** IEEE 754 binary16 to float32 (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0) {
            // zero or subnormal: mantissa · 2^-24
            float v = mantissa * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        if (exponent == 31) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** What a file holds: tensors by name (in file order) and the string metadata of the header. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    private Safetensors() {
    }

    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new IOException(file + ": not a safetensors file (" + size + " bytes)");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(lenBuf, 0);
            long headerLength = lenBuf.getLong(0);
            if (headerLength <= 0 || headerLength > Math.min(size - 8, 100_000_000L)) {
                throw new IOException(file + ": not a safetensors file (header length " + headerLength + ")");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            ch.read(header, 8);
            JsonNode root;
            try {
                root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IOException(file + ": safetensors header is not valid JSON", e);
            }
            long base = 8 + headerLength;
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    metadata.putAll(JSON.convertValue(e.getValue(), new TypeReference<Map<String, String>>() { }));
                    continue;
                }
                JsonNode t = e.getValue();
                long start = t.get("data_offsets").get(0).asLong();
                long end = t.get("data_offsets").get(1).asLong();
                if (start < 0 || end < start || base + end > size) {
                    throw new IOException(file + ": tensor '" + e.getKey() + "' lies outside the file (truncated?)");
                }
                long[] shape = new long[t.get("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = t.get("shape").get(i).asLong();
                }
                ByteBuffer data = ch.map(FileChannel.MapMode.READ_ONLY, base + start, end - start);
                tensors.put(e.getKey(), new Tensor(t.get("dtype").asText(), shape, data));
            }
            return new Contents(tensors, metadata);
        }
    }

    /** Writes float32 tensors (name → values with shape) atomically: a temporary file renamed into place. */
    public static void writeFloats(Path file, Map<String, float[]> values, Map<String, long[]> shapes,
                                   Map<String, String> metadata) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            header.put("__metadata__", metadata);
        }
        long offset = 0;
        for (Map.Entry<String, float[]> e : values.entrySet()) {
            long[] shape = shapes.get(e.getKey());
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (n != e.getValue().length) {
                throw new IllegalArgumentException("tensor " + e.getKey() + " has " + e.getValue().length
                        + " values but its shape holds " + n);
            }
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("dtype", "F32");
            t.put("shape", shape);
            t.put("data_offsets", new long[] {offset, offset + 4L * n});
            header.put(e.getKey(), t);
            offset += 4L * n;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded);
        head.put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            while (head.hasRemaining()) {
                ch.write(head);
            }
            for (float[] v : values.values()) {
                ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(v);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
