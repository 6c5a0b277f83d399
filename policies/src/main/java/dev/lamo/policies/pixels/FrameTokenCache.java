package dev.lamo.policies.pixels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The state tokens of stacked frames a pixel policy has already encoded, by a 128-bit hash of the frames'
 * bytes. An evaluation window of K steps shares K − 1 stacks with the window one step earlier, so without
 * this every step would run the CNN over K stacks to get one new token; with it the CNN sees each stack once.
 * The tokens are those the same encoder computes (inference has no dropout), so actions do not change; the
 * least recently used entries are dropped beyond the capacity.
 */
public final class FrameTokenCache {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private record Key(long a, long b) {
    }

    private final int hidden;
    private int capacity;
    private final LinkedHashMap<Key, float[]> tokens = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, float[]> eldest) {
            return size() > capacity;
        }
    };

    public FrameTokenCache(int hidden, int capacity) {
        this.hidden = hidden;
        this.capacity = capacity;
    }

    /** Keeps at least {@code entries} tokens (grown to hold several batches' windows). */
    public void ensureCapacity(int entries) {
        capacity = Math.max(capacity, entries);
    }

    public int size() {
        return tokens.size();
    }

    /**
     * The tokens of {@code count} stacks of {@code stackBytes} bytes each in {@code frames}, row-major into a
     * (count × hidden) array. Stacks not seen before are encoded by one call of {@code encode}, which gets their
     * bytes (m × stackBytes) and m and returns their tokens (m × hidden).
     */
    public float[] tokens(byte[] frames, int count, int stackBytes, BiFunction<byte[], Integer, float[]> encode) {
        // tokens found are held here, so inserting this call's new ones can never evict one it still needs
        float[][] found = new float[count][];
        Key[] keys = new Key[count];
        Map<Key, Integer> missing = new HashMap<>();
        List<Integer> firstRows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys[i] = key(frames, i * stackBytes, stackBytes);
            found[i] = tokens.get(keys[i]);
            if (found[i] == null && !missing.containsKey(keys[i])) {
                missing.put(keys[i], firstRows.size());
                firstRows.add(i);
            }
        }
        if (!firstRows.isEmpty()) {
            byte[] batch = new byte[firstRows.size() * stackBytes];
            for (int m = 0; m < firstRows.size(); m++) {
                System.arraycopy(frames, firstRows.get(m) * stackBytes, batch, m * stackBytes, stackBytes);
            }
            float[] encoded = encode.apply(batch, firstRows.size());
            ensureCapacity(count);
            float[][] fresh = new float[firstRows.size()][];
            for (int m = 0; m < firstRows.size(); m++) {
                fresh[m] = Arrays.copyOfRange(encoded, m * hidden, (m + 1) * hidden);
                tokens.put(keys[firstRows.get(m)], fresh[m]);
            }
            for (int i = 0; i < count; i++) {
                if (found[i] == null) {
                    found[i] = fresh[missing.get(keys[i])];
                }
            }
        }
        float[] out = new float[count * hidden];
        for (int i = 0; i < count; i++) {
            System.arraycopy(found[i], 0, out, i * hidden, hidden);
        }
        return out;
    }

    /** Two independent 64-bit hashes of the bytes: a collision would need both to agree by chance. */
    static Key key(byte[] bytes, int offset, int length) {
        long a = 0x9E3779B97F4A7C15L ^ length;
        long b = 0xC2B2AE3D27D4EB4FL + length;
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            long v = (long) LONGS.get(bytes, i);
            a = Long.rotateLeft(a ^ (v * 0xBF58476D1CE4E5B9L), 27) * 0x94D049BB133111EBL;
            b = Long.rotateLeft(b + (v * 0x9E3779B97F4A7C15L), 31) * 0xD6E8FEB86659FD93L ^ v;
        }
        for (; i < end; i++) {
            a = (a ^ bytes[i]) * 0x100000001B3L;
            b = (b + bytes[i]) * 0xFF51AFD7ED558CCDL;
        }
        return new Key(mix(a), mix(b));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
