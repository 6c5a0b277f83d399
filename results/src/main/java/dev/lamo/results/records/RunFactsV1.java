package dev.lamo.results.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamo.envs.Json;

/**
 * Reads the untyped {@code extra} map of a version-1 {@code config.json} into {@link RunFacts}: the map's keys were
 * the facts' snake_case names, except the observation (the string {@code "frames"} with {@code frame_stack} and
 * {@code action_count}, or the Decision Transformer's architecture sizes), the state normalisation (two top-level
 * arrays) and the language model ({@code lm}).
 */
final class RunFactsV1 {

    private static final int FRAME_BYTES = 84 * 84;

    private RunFactsV1() {
    }

    /** The version-1 record as a version-2 tree, keeping {@code schema_version} 1. */
    static ObjectNode upgrade(String source, ObjectNode v1) {
        ObjectNode out = v1.deepCopy();
        JsonNode extra = out.remove("extra");
        ObjectNode facts = Json.mapper().createObjectNode();
        if (extra != null && extra.isObject()) {
            for (String key : new String[] {"reward_scale", "dataset_return_mean", "context_length", "max_episode_length",
                    "return_scale", "validation_episodes", "architecture"}) {
                if (extra.has(key)) {
                    facts.set(key, extra.get(key));
                }
            }
            if (extra.has("state_mean")) {
                ObjectNode n = facts.putObject("state_normalization");
                n.set("mean", extra.get("state_mean"));
                n.set("std", extra.get("state_std"));
            }
            if (extra.has("lm")) {
                facts.set("language_model", extra.get("lm"));
            }
            ObjectNode observation = facts.putObject("observation");
            JsonNode arch = extra.path("architecture");
            if ("frames".equals(extra.path("observation").asText(null))) {
                observation.put("kind", "frames");
                observation.put("frame_stack", extra.has("frame_stack") ? extra.get("frame_stack").asInt()
                        : arch.path("state_size").asInt());
                observation.put("frame_bytes", FRAME_BYTES);
                observation.put("action_count", extra.has("action_count") ? extra.get("action_count").asInt()
                        : arch.path("action_size").asInt());
            } else {
                observation.put("kind", "vector");
                if (extra.has("state_mean")) {
                    observation.put("size", extra.get("state_mean").size());
                } else if (arch.has("state_size")) {
                    observation.put("size", arch.get("state_size").asInt());
                }
            }
        } else if (extra != null && !extra.isNull()) {
            throw new RecordFormatException(source + ": \"extra\" must be a JSON object");
        }
        out.set("facts", facts);
        out.put("variant", out.path("algorithm").asText());
        return out;
    }
}
