package dev.lamo.policies.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @Test
    void roundTripsFloatTensorsWithShapesAndMetadata(@TempDir Path dir) throws Exception {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        values.put("a.weight", new float[] {1, 2, 3, 4, 5, 6});
        shapes.put("a.weight", new long[] {2, 3});
        values.put("b", new float[] {-0.5f});
        shapes.put("b", new long[] {1});
        Path f = dir.resolve("t.safetensors");
        Safetensors.writeFloats(f, values, shapes, Map.of("format", "pt"));
        Safetensors.Contents c = Safetensors.read(f);
        assertEquals(java.util.List.of("a.weight", "b"), java.util.List.copyOf(c.tensors().keySet()));
        assertArrayEquals(new long[] {2, 3}, c.tensors().get("a.weight").shape());
        assertArrayEquals(values.get("a.weight"), c.tensors().get("a.weight").toFloats());
        assertEquals("pt", c.metadata().get("format"));
        // header length is a multiple of 8, as the format requires for aligned data
        ByteBuffer head = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, head.getLong(0) % 8);
    }

    @Test
    void upcastsHalfAndBfloat16() {
        ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x3555).putShort((short) 0x0001);
        float[] half = new Safetensors.Tensor("F16", new long[] {4}, h.flip()).toFloats();
        assertEquals(1.0f, half[0]);
        assertEquals(-2.0f, half[1]);
        assertEquals(0.33325195f, half[2]);
        assertEquals((float) Math.pow(2, -24), half[3], "smallest subnormal");
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0x3F80).putShort((short) 0x4049);
        float[] bf = new Safetensors.Tensor("BF16", new long[] {2}, b.flip()).toFloats();
        assertEquals(1.0f, bf[0]);
        assertEquals(3.140625f, bf[1]);
    }

    @Test
    void truncatedFilesFailWithTheTensorsName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.safetensors");
        Safetensors.writeFloats(f, Map.of("w", new float[100]), Map.of("w", new long[] {10, 10}), Map.of());
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length - 40));
        IOException e = assertThrows(IOException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().contains("tensor 'w' lies outside the file"), e.getMessage());
        Files.writeString(f, "garbage");
        assertThrows(IOException.class, () -> Safetensors.read(f));
    }
}
