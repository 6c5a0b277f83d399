package dev.lamo.policies.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameTokenCacheTest {

    /** A stand-in encoder: token = (first byte, sum of bytes), recording how many stacks it was asked for. */
    private final List<Integer> calls = new ArrayList<>();

    private float[] encode(byte[] stacks, int n) {
        calls.add(n);
        int s = stacks.length / n;
        float[] out = new float[n * 2];
        for (int m = 0; m < n; m++) {
            int sum = 0;
            for (int i = 0; i < s; i++) {
                sum += stacks[m * s + i];
            }
            out[m * 2] = stacks[m * s];
            out[m * 2 + 1] = sum;
        }
        return out;
    }

    private static byte[] stacks(int... firstBytes) {
        byte[] b = new byte[firstBytes.length * 16];
        for (int i = 0; i < firstBytes.length; i++) {
            b[i * 16] = (byte) firstBytes[i];
            b[i * 16 + 15] = 1;
        }
        return b;
    }

    @Test
    void eachDistinctStackIsEncodedOnceAndTokensComeBackInOrder() {
        FrameTokenCache cache = new FrameTokenCache(2, 100);
        float[] first = cache.tokens(stacks(1, 2, 1, 3), 4, 16, this::encode);
        assertArrayEquals(new float[] {1, 2, 2, 3, 1, 2, 3, 4}, first);
        assertEquals(List.of(3), calls, "three distinct stacks, one call");
        float[] next = cache.tokens(stacks(2, 3, 4), 3, 16, this::encode);
        assertArrayEquals(new float[] {2, 3, 3, 4, 4, 5}, next);
        assertEquals(List.of(3, 1), calls, "only the new stack is encoded");
        assertEquals(4, cache.size());
    }

    @Test
    void theLeastRecentlyUsedGoBeyondTheCapacity() {
        FrameTokenCache cache = new FrameTokenCache(2, 2);
        cache.tokens(stacks(1), 1, 16, this::encode);
        cache.tokens(stacks(2), 1, 16, this::encode);
        cache.tokens(stacks(3), 1, 16, this::encode);
        assertEquals(2, cache.size());
        cache.tokens(stacks(1), 1, 16, this::encode);
        assertEquals(4, calls.size(), "stack 1 was dropped and is encoded again");
    }

    @Test
    void aFullCacheNeverDropsATokenTheSameCallStillNeeds() {
        FrameTokenCache cache = new FrameTokenCache(2, 3);
        cache.tokens(stacks(1, 2, 3), 3, 16, this::encode);
        // stack 1 is the eldest entry; adding stack 4 must evict another, and stack 1's token must still come back
        assertArrayEquals(new float[] {1, 2, 4, 5}, cache.tokens(stacks(1, 4), 2, 16, this::encode));
        assertEquals(3, cache.size());
        cache.tokens(stacks(1), 1, 16, this::encode);
        assertEquals(List.of(3, 1), calls, "stack 1 was kept (refreshed by its use), stack 2 went");
    }

    @Test
    void oneChangedByteAnywhereChangesTheKey() {
        byte[] a = new byte[4 * 84 * 84];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) (i * 31);
        }
        var base = FrameTokenCache.key(a, 0, a.length);
        for (int i : new int[] {0, 7, 8, 5000, a.length - 9, a.length - 1}) {
            byte[] b = a.clone();
            b[i] ^= 1;
            assertNotEquals(base, FrameTokenCache.key(b, 0, b.length), "byte " + i);
        }
    }
}
