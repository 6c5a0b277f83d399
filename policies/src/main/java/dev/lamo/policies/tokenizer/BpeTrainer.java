package dev.lamo.policies.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trains a byte-level BPE vocabulary in GPT-2's style: text is split with GPT-2's pattern, each piece
 * starts as its bytes, and the most frequent adjacent pair is merged until the vocabulary has the requested
 * size (the 256 bytes, the merges, and the end-of-text token). Ties go to the pair that sorts first, so the
 * result depends only on the text. Pair counts are updated incrementally, word by word.
 */
public final class BpeTrainer {

    private BpeTrainer() {
    }

    public static BpeTokenizer train(String name, String text, int vocabSize) {
        if (vocabSize < 258) {
            throw new IllegalArgumentException("vocabulary size must be at least 258 (bytes, one merge, end of text), got " + vocabSize);
        }
        // unique pieces with their counts
        Map<String, Integer> pieces = new HashMap<>();
        Matcher m = Pattern.compile(BpeTokenizer.GPT2_PATTERN, Pattern.UNICODE_CHARACTER_CLASS).matcher(text);
        while (m.find()) {
            pieces.merge(m.group(), 1, Integer::sum);
        }
        List<int[]> words = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        pieces.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            byte[] b = e.getKey().getBytes(StandardCharsets.UTF_8);
            int[] symbols = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                symbols[i] = b[i] & 0xFF;
            }
            words.add(symbols);
            counts.add(e.getValue());
        });
        List<String> vocab = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            vocab.add(ByteUnicode.encode(new byte[] {(byte) b}));
        }
        Map<Long, Long> pairCounts = new HashMap<>();
        Map<Long, Set<Integer>> pairWords = new HashMap<>();
        for (int w = 0; w < words.size(); w++) {
            addPairs(words.get(w), w, counts.get(w), pairCounts, pairWords);
        }
        List<String[]> merges = new ArrayList<>();
        Set<String> known = new HashSet<>(vocab);
        // a pair whose concatenation is already a token (made by another split) is never merged
        Set<Long> banned = new HashSet<>();
        while (vocab.size() < vocabSize - 1 && !pairCounts.isEmpty()) {
            long best = -1;
            long bestCount = 0;
            for (Map.Entry<Long, Long> e : pairCounts.entrySet()) {
                if (banned.contains(e.getKey())) {
                    continue;
                }
                long c = e.getValue();
                if (c > bestCount || (c == bestCount && c > 0 && lexicographicallyBefore(e.getKey(), best, vocab))) {
                    best = e.getKey();
                    bestCount = c;
                }
            }
            if (bestCount <= 0) {
                break;
            }
            int a = (int) (best >>> 32);
            int b = (int) best;
            if (!known.add(vocab.get(a) + vocab.get(b))) {
                banned.add(best);
                continue;
            }
            int merged = vocab.size();
            vocab.add(vocab.get(a) + vocab.get(b));
            merges.add(new String[] {vocab.get(a), vocab.get(b)});
            for (int w : new ArrayList<>(pairWords.getOrDefault(best, Set.of()))) {
                int[] before = words.get(w);
                removePairs(before, w, counts.get(w), pairCounts, pairWords);
                int[] after = merge(before, a, b, merged);
                words.set(w, after);
                addPairs(after, w, counts.get(w), pairCounts, pairWords);
            }
        }
        vocab.add(BpeTokenizer.END_OF_TEXT);
        return BpeTokenizer.fromVocabulary(name, vocab.toArray(new String[0]), merges);
    }

    private static boolean lexicographicallyBefore(long pair, long other, List<String> vocab) {
        if (other < 0) {
            return true;
        }
        String p = vocab.get((int) (pair >>> 32)) + " " + vocab.get((int) pair);
        String o = vocab.get((int) (other >>> 32)) + " " + vocab.get((int) other);
        return p.compareTo(o) < 0;
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }

    private static void addPairs(int[] s, int word, int count, Map<Long, Long> pairCounts, Map<Long, Set<Integer>> pairWords) {
        for (int i = 0; i + 1 < s.length; i++) {
            long k = key(s[i], s[i + 1]);
            pairCounts.merge(k, (long) count, Long::sum);
            pairWords.computeIfAbsent(k, x -> new HashSet<>()).add(word);
        }
    }

    private static void removePairs(int[] s, int word, int count, Map<Long, Long> pairCounts, Map<Long, Set<Integer>> pairWords) {
        for (int i = 0; i + 1 < s.length; i++) {
            long k = key(s[i], s[i + 1]);
            long left = pairCounts.merge(k, (long) -count, Long::sum);
            if (left <= 0) {
                pairCounts.remove(k);
            }
            Set<Integer> ws = pairWords.get(k);
            if (ws != null) {
                ws.remove(word);
                if (ws.isEmpty()) {
                    pairWords.remove(k);
                }
            }
        }
    }

    private static int[] merge(int[] s, int a, int b, int merged) {
        int[] out = new int[s.length];
        int n = 0;
        for (int i = 0; i < s.length; i++) {
            if (i + 1 < s.length && s[i] == a && s[i + 1] == b) {
                out[n++] = merged;
                i++;
            } else {
                out[n++] = s[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
