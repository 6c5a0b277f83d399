package dev.lamo.policies.lm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GzipBaselineTest {

    @Test
    void repetitiveTextCompressesFarBelowRandomBytes() {
        double repetitive = GzipBaseline.bitsPerByte("the whale swam in the deep sea. ".repeat(500).getBytes(StandardCharsets.UTF_8));
        byte[] noise = new byte[20_000];
        new Random(1).nextBytes(noise);
        double random = GzipBaseline.bitsPerByte(noise);
        assertTrue(repetitive < 0.2, "repetitive text: " + repetitive);
        assertTrue(random > 7.9 && random < 8.2, "random bytes: " + random);
    }

    @Test
    void emptyTextIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GzipBaseline.bitsPerByte(new byte[0]));
    }
}
