package dev.lamo.policies.tokenizer;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTokenizerTest {

    @Test
    void gpt2VocabularyGivesGpt2Ids() {
        BpeTokenizer t = BpeTokenizer.gpt2();
        // "Hello world" is [15496, 995] in GPT-2's vocabulary
        assertArrayEquals(new int[] {15496, 995}, t.encode("Hello world"));
        assertEquals(50257, t.vocabSize());
        assertEquals(50256, t.endOfText());
        assertEquals("Hello world", t.decode(t.encode("Hello world")));
    }

    @Test
    void trainedVocabularyIsDeterministicRoundTripsAndSurvivesSaving(@TempDir Path dir) throws Exception {
        String text = "the cat sat on the mat. the cat ate the rat. a mat, a cat, a rat; the end. ".repeat(40)
                + "Whale! Call me Ishmael. Ünïcödé ☃ text too.";
        BpeTokenizer a = BpeTrainer.train("t", text, 300);
        BpeTokenizer b = BpeTrainer.train("t", text, 300);
        assertEquals(300, a.vocabSize());
        assertEquals(299, a.endOfText());
        int[] ids = a.encode(text);
        assertArrayEquals(ids, b.encode(text));
        assertEquals(text, a.decode(ids));
        assertTrue(ids.length < text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length / 2, "merges compress the text");
        a.save(dir);
        BpeTokenizer loaded = BpeTokenizer.fromDirectory(dir);
        assertArrayEquals(ids, loaded.encode(text));
        assertEquals(a.vocabSize(), loaded.vocabSize());
        assertNull(BpeTokenizer.fromDirectory(dir.resolve("none")));
    }
}
