package dev.lamo.results.table;

import dev.lamo.results.records.RunConfig;
import dev.lamo.results.records.RunFacts;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What transformer a Decision-Transformer-family run trained, in words for table headers and notes, read from
 * the run's recorded architecture and language-model provenance: "small LM pre-trained here, 4×256", "gpt2,
 * 12×768", "random 3×128 (no pre-training)", "3×128, 1 head" (a DT: no language model recorded); null for runs
 * without a transformer backbone.
 */
public final class Backbones {

    private Backbones() {
    }

    public static String describe(RunConfig config) {
        RunFacts facts = config.facts();
        Map<?, ?> backbone = map(map(facts == null ? null : facts.architecture()).get("backbone"));
        Object layers = backbone.get("n_layer");
        Object hidden = backbone.get("n_embd");
        if (!(layers instanceof Number l) || !(hidden instanceof Number h)) {
            return null;
        }
        String shape = l.intValue() + "×" + h.intValue();
        RunFacts.LanguageModel lm = facts.languageModel();
        if (lm == null) {
            int heads = backbone.get("n_head") instanceof Number n ? n.intValue() : 0;
            String described = shape + (heads == 0 ? "" : ", " + heads + (heads == 1 ? " head" : " heads"));
            return l.intValue() == 3 && h.intValue() == 768 && heads == 1
                    ? described + " (LaMo's Atari DT: its n_embed=128 is not a Hugging Face GPT-2 key, so the width stays 768)"
                    : described;
        }
        if (Boolean.FALSE.equals(config.hyperparameters().get("pretrained"))) {
            return "random " + shape + " (no pre-training)";
        }
        if (lm.pretraining() != null && !lm.pretraining().isEmpty()) {
            var bpb = lm.pretraining().get("validation_bits_per_byte");
            return "small LM pre-trained here, " + shape + (bpb != null && bpb.isNumber()
                    ? String.format(Locale.ROOT, " (%.2f bits/byte held out)", bpb.asDouble()) : "");
        }
        return lm.directory() == null ? shape : Path.of(lm.directory()).getFileName() + ", " + shape;
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }
}
