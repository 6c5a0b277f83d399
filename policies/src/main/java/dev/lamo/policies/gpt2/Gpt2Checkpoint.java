package dev.lamo.policies.gpt2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamo.policies.io.Safetensors;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import ai.djl.nn.Parameter;

/**
 * Hugging Face GPT-2 checkpoints in a local folder: {@code config.json} plus {@code model.safetensors} (or
 * shards listed in {@code model.safetensors.index.json}). Files in the wild differ, and all of these load:
 * keys with or without the {@code transformer.} prefix, {@code lm_head.weight} present or absent (it is tied
 * to {@code wte}), old {@code attn.bias} / {@code attn.masked_bias} mask buffers (ignored), F16 and BF16
 * weights (upcast). Saving writes the {@code save_pretrained} layout.
 */
public final class Gpt2Checkpoint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Gpt2Checkpoint() {
    }

    /** The architecture in {@code dir/config.json}. */
    public static Gpt2Config readConfig(Path dir) {
        Path file = dir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + ": not a GPT-2 checkpoint folder (no config.json)");
        }
        JsonNode c;
        try {
            c = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (" + e.getMessage() + ")");
        }
        String type = c.path("model_type").asText("gpt2");
        if (!type.equals("gpt2")) {
            throw new IllegalArgumentException(file + ": model_type '" + type + "', expected gpt2");
        }
        for (String key : new String[] {"n_layer", "n_embd", "n_head", "vocab_size"}) {
            if (!c.has(key)) {
                throw new IllegalArgumentException(file + ": missing '" + key + "'");
            }
        }
        return new Gpt2Config(c.get("n_layer").asInt(), c.get("n_embd").asInt(), c.get("n_head").asInt(),
                c.path("n_positions").asInt(c.path("n_ctx").asInt(1024)), c.get("vocab_size").asInt(),
                c.hasNonNull("n_inner") ? c.get("n_inner").asInt() : null, c.path("activation_function").asText("gelu_new"),
                c.path("layer_norm_epsilon").asDouble(1e-5), c.path("embd_pdrop").asDouble(0.1),
                c.path("attn_pdrop").asDouble(0.1), c.path("resid_pdrop").asDouble(0.1));
    }

    /**
     * Loads every GPT-2 tensor of the model from {@code dir}. LoRA tensors are loaded when the file has them
     * and otherwise keep their initialisation. A missing or misshaped tensor fails with its name.
     */
    public static void load(Gpt2Model model, Path dir) throws IOException {
        Map<String, Safetensors.Tensor> tensors = readTensors(dir);
        for (Map.Entry<String, Parameter> e : model.huggingFaceParameters().entrySet()) {
            String name = e.getKey();
            Safetensors.Tensor t = tensors.get(name);
            if (t == null) {
                if (name.contains("lora_")) {
                    continue;
                }
                throw new IllegalArgumentException(dir + ": missing tensor '" + name + "'");
            }
            long[] expected = e.getValue().getArray().getShape().getShape();
            if (!Arrays.equals(expected, t.shape())) {
                throw new IllegalArgumentException(dir + ": tensor '" + name + "' has shape " + Arrays.toString(t.shape())
                        + ", expected " + Arrays.toString(expected));
            }
            e.getValue().getArray().set(FloatBuffer.wrap(t.toFloats()));
        }
    }

    /** Tensors by canonical name (no {@code transformer.} prefix), mask buffers and the tied head dropped. */
    public static Map<String, Safetensors.Tensor> readTensors(Path dir) throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        Path single = dir.resolve("model.safetensors");
        Path index = dir.resolve("model.safetensors.index.json");
        if (Files.isRegularFile(single)) {
            files.add(single);
        } else if (Files.isRegularFile(index)) {
            JsonNode map = JSON.readTree(index.toFile()).path("weight_map");
            for (Iterator<JsonNode> it = map.elements(); it.hasNext(); ) {
                files.add(dir.resolve(it.next().asText()));
            }
        } else if (Files.isRegularFile(dir.resolve("pytorch_model.bin"))) {
            throw new IllegalArgumentException(dir + ": only pytorch_model.bin is there; convert it to model.safetensors "
                    + "(python: safetensors.torch.save_file(torch.load(...), 'model.safetensors'))");
        } else {
            throw new IllegalArgumentException(dir + ": no model.safetensors");
        }
        Map<String, Safetensors.Tensor> out = new LinkedHashMap<>();
        for (Path f : files) {
            for (Map.Entry<String, Safetensors.Tensor> e : Safetensors.read(f).tensors().entrySet()) {
                String name = e.getKey().startsWith("transformer.") ? e.getKey().substring("transformer.".length()) : e.getKey();
                if (name.endsWith(".attn.bias") || name.endsWith(".attn.masked_bias") || name.equals("lm_head.weight")) {
                    continue;
                }
                out.put(name, e.getValue());
            }
        }
        return out;
    }

    /**
     * Writes {@code config.json} and {@code model.safetensors} in Hugging Face's layout (keys without prefix,
     * no separate LM head since it is tied). LoRA tensors are written only when {@code includeLora}.
     */
    public static void save(Gpt2Model model, Path dir, boolean includeLora, Map<String, Object> extraConfig)
            throws IOException {
        Files.createDirectories(dir);
        Gpt2Config c = model.config();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model_type", "gpt2");
        config.put("architectures", new String[] {"GPT2LMHeadModel"});
        config.put("n_layer", c.nLayer());
        config.put("n_embd", c.nEmbd());
        config.put("n_head", c.nHead());
        config.put("n_positions", c.nPositions());
        config.put("n_ctx", c.nPositions());
        config.put("vocab_size", c.vocabSize());
        config.put("n_inner", c.nInner());
        config.put("activation_function", c.activationFunction());
        config.put("layer_norm_epsilon", c.layerNormEpsilon());
        config.put("embd_pdrop", c.embdPdrop());
        config.put("attn_pdrop", c.attnPdrop());
        config.put("resid_pdrop", c.residPdrop());
        config.put("initializer_range", 0.02);
        config.put("tie_word_embeddings", true);
        if (extraConfig != null) {
            config.putAll(extraConfig);
        }
        Path tmp = dir.resolve(".config.json.tmp");
        Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
        Files.move(tmp, dir.resolve("config.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : model.huggingFaceParameters().entrySet()) {
            if (!includeLora && e.getKey().contains("lora_")) {
                continue;
            }
            values.put(e.getKey(), e.getValue().getArray().toFloatArray());
            shapes.put(e.getKey(), e.getValue().getArray().getShape().getShape());
        }
        Safetensors.writeFloats(dir.resolve("model.safetensors"), values, shapes, Map.of("format", "pt"));
    }
}
