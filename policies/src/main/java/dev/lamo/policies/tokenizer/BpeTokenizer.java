package dev.lamo.policies.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.GptBytePairEncodingParams;
import com.knuddels.jtokkit.api.IntArrayList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Byte-level BPE as GPT-2 defines it, encoded by jtokkit: GPT-2's own vocabulary ({@code r50k_base} is
 * exactly GPT-2's 50,257 tokens), or a vocabulary from a checkpoint folder ({@code vocab.json} +
 * {@code merges.txt}, or {@code tokenizer.json}), including the small ones our pre-training trains.
 * Token ids are the vocabulary's ids; the end-of-text token separates documents.
 */
public final class BpeTokenizer {

    /** GPT-2's pre-tokenisation pattern. */
    static final String GPT2_PATTERN =
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
    static final String END_OF_TEXT = "<|endoftext|>";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final String name;
    private final Encoding encoding;
    private final int vocabSize;
    private final int endOfText;
    /** Vocabulary strings by id (GPT-2's byte-to-unicode form), for saving; null for GPT-2 itself. */
    private final String[] tokens;
    private final List<String[]> merges;

    private BpeTokenizer(String name, Encoding encoding, int vocabSize, int endOfText, String[] tokens, List<String[]> merges) {
        this.name = name;
        this.encoding = encoding;
        this.vocabSize = vocabSize;
        this.endOfText = endOfText;
        this.tokens = tokens;
        this.merges = merges;
    }

    /** GPT-2's tokenizer (50,257 tokens, end-of-text id 50256). */
    public static BpeTokenizer gpt2() {
        Encoding e = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
        return new BpeTokenizer("gpt2", e, 50257, 50256, null, null);
    }

    /**
     * A tokenizer from ranked merges: {@code tokens[id]} in byte-to-unicode form, the first 256 the single
     * bytes, each later one the concatenation of a merge, in merge order; the end-of-text token last.
     */
    static BpeTokenizer fromVocabulary(String name, String[] tokens, List<String[]> merges) {
        Map<byte[], Integer> ranks = new LinkedHashMap<>();
        int endOfText = -1;
        for (int id = 0; id < tokens.length; id++) {
            if (tokens[id].equals(END_OF_TEXT)) {
                endOfText = id;
                continue;
            }
            byte[] bytes = ByteUnicode.decode(tokens[id]);
            if (bytes == null) {
                throw new IllegalArgumentException(name + ": vocabulary entry " + id + " '" + tokens[id]
                        + "' is not in GPT-2's byte-level form");
            }
            ranks.put(bytes, id);
        }
        Map<String, Integer> specials = endOfText >= 0 ? Map.of(END_OF_TEXT, endOfText) : Map.of();
        Encoding e = Encodings.newLazyEncodingRegistry().registerGptBytePairEncoding(new GptBytePairEncodingParams(
                name + "#" + NAMES.incrementAndGet(), Pattern.compile(GPT2_PATTERN, Pattern.UNICODE_CHARACTER_CLASS),
                ranks, specials)).getEncoding(name + "#" + NAMES.get()).orElseThrow();
        return new BpeTokenizer(name, e, tokens.length, endOfText, tokens, merges);
    }

    /**
     * The tokenizer stored in a checkpoint folder ({@code tokenizer.json}, or {@code vocab.json} with
     * {@code merges.txt}), or null when the folder has none.
     */
    public static BpeTokenizer fromDirectory(Path dir) throws IOException {
        Path vocab = dir.resolve("vocab.json");
        Path mergesFile = dir.resolve("merges.txt");
        Path fast = dir.resolve("tokenizer.json");
        JsonNode vocabNode;
        List<String[]> merges = new ArrayList<>();
        if (Files.isRegularFile(vocab) && Files.isRegularFile(mergesFile)) {
            vocabNode = JSON.readTree(vocab.toFile());
            for (String line : Files.readAllLines(mergesFile, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#version")) {
                    merges.add(line.split(" ", 2));
                }
            }
        } else if (Files.isRegularFile(fast)) {
            JsonNode model = JSON.readTree(fast.toFile()).path("model");
            if (!"BPE".equals(model.path("type").asText())) {
                throw new IllegalArgumentException(fast + ": only BPE tokenizers are supported, found " + model.path("type"));
            }
            vocabNode = model.path("vocab");
            for (JsonNode m : model.path("merges")) {
                merges.add(m.isArray() ? new String[] {m.get(0).asText(), m.get(1).asText()} : m.asText().split(" ", 2));
            }
        } else {
            return null;
        }
        String[] tokens = new String[vocabNode.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = vocabNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int id = e.getValue().asInt();
            if (id < 0 || id >= tokens.length || tokens[id] != null) {
                throw new IllegalArgumentException(dir + ": vocabulary ids must be 0 .. " + (tokens.length - 1) + " without repeats");
            }
            tokens[id] = e.getKey();
        }
        checkMergeOrder(dir, tokens, merges);
        return fromVocabulary(dir.getFileName().toString(), tokens, merges);
    }

    /** jtokkit merges by id order; the vocabulary's ids must therefore follow the merge order (as GPT-2's do). */
    private static void checkMergeOrder(Path dir, String[] tokens, List<String[]> merges) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int i = 0; i < tokens.length; i++) {
            ids.put(tokens[i], i);
        }
        int previous = -1;
        for (String[] m : merges) {
            Integer id = ids.get(m[0] + m[1]);
            if (id == null || id <= previous) {
                throw new IllegalArgumentException(dir + ": merge '" + m[0] + " " + m[1]
                        + "' does not produce increasing vocabulary ids; only GPT-2-style vocabularies are supported");
            }
            previous = id;
        }
    }

    public String name() {
        return name;
    }

    public int vocabSize() {
        return vocabSize;
    }

    /** Id of the end-of-text token, or −1. */
    public int endOfText() {
        return endOfText;
    }

    /** Token ids of ordinary text (special tokens in the text are treated as text). */
    public int[] encode(String text) {
        return encoding.encodeOrdinary(text).toArray();
    }

    public String decode(int[] ids) {
        IntArrayList list = new IntArrayList(ids.length);
        for (int id : ids) {
            list.add(id);
        }
        return encoding.decode(list);
    }

    /** Writes {@code vocab.json} and {@code merges.txt} (GPT-2's format) and {@code tokenizer_config.json}. */
    public void save(Path dir) throws IOException {
        if (tokens == null) {
            throw new IllegalStateException("GPT-2's own vocabulary is not written out; it ships with jtokkit");
        }
        Files.createDirectories(dir);
        ObjectNode vocab = JSON.createObjectNode();
        for (int i = 0; i < tokens.length; i++) {
            vocab.put(tokens[i], i);
        }
        Files.writeString(dir.resolve("vocab.json"), JSON.writeValueAsString(vocab));
        StringBuilder m = new StringBuilder("#version: 0.2\n");
        for (String[] pair : merges) {
            m.append(pair[0]).append(' ').append(pair[1]).append('\n');
        }
        Files.writeString(dir.resolve("merges.txt"), m.toString());
        ObjectNode cfg = JSON.createObjectNode();
        cfg.put("tokenizer_class", "GPT2Tokenizer");
        cfg.put("model_max_length", 1024);
        cfg.put("bos_token", END_OF_TEXT);
        cfg.put("eos_token", END_OF_TEXT);
        cfg.put("unk_token", END_OF_TEXT);
        Files.writeString(dir.resolve("tokenizer_config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(cfg));
    }

    /** Merges in order (tests, provenance). */
    List<String[]> merges() {
        return merges == null ? List.of() : merges;
    }

    @Override
    public String toString() {
        return "BpeTokenizer(" + name + ", " + vocabSize + " tokens)";
    }
}
