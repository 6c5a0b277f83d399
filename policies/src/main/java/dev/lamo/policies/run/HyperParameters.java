package dev.lamo.policies.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamo.envs.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code --set key=value} overrides to a hyper-parameter record (snake_case keys, as recorded in
 * {@code config.json}). An unknown key or a value of the wrong type fails with one line naming both.
 */
public final class HyperParameters {

    private HyperParameters() {
    }

    public static <T> T apply(T defaults, List<String> overrides) {
        if (overrides == null || overrides.isEmpty()) {
            return defaults;
        }
        ObjectNode node = Json.mapper().valueToTree(defaults);
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set " + o + ": expected key=value");
            }
            String key = o.substring(0, eq).strip();
            String value = o.substring(eq + 1).strip();
            JsonNode current = node.get(key);
            if (current == null) {
                throw new IllegalArgumentException("--set " + o + ": unknown hyper-parameter '" + key + "'; known: "
                        + String.join(", ", keys(node)));
            }
            node.set(key, parse(o, key, value, current));
        }
        try {
            @SuppressWarnings("unchecked")
            T result = (T) Json.mapper().treeToValue(node, defaults.getClass());
            return result;
        } catch (Exception e) {
            throw new IllegalArgumentException("--set: invalid hyper-parameters (" + reason(e) + ")", e);
        }
    }

    /**
     * What the record's own check said, when it threw; otherwise the first line of Jackson's message, whose
     * following lines locate the value in a JSON source the user never wrote.
     */
    private static String reason(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    /** A record as a map with snake_case keys, for config.json. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object record) {
        return Json.mapper().convertValue(record, Map.class);
    }

    /** The record a config.json map describes. */
    public static <T> T fromMap(Map<String, Object> map, Class<T> type) {
        return Json.mapper().convertValue(map, type);
    }

    private static JsonNode parse(String override, String key, String value, JsonNode current) {
        var f = Json.mapper().getNodeFactory();
        try {
            if (current.isBoolean()) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new NumberFormatException();
                }
                return f.booleanNode(Boolean.parseBoolean(value));
            }
            if (current.isIntegralNumber()) {
                return f.numberNode(Long.parseLong(value.replace("_", "")));
            }
            if (current.isNumber()) {
                return f.numberNode(Double.parseDouble(value));
            }
            if (current.isArray()) {
                JsonNode parsed = Json.mapper().readTree(value.startsWith("[") ? value : "[" + value + "]");
                return parsed;
            }
            if (current.isTextual() || current.isNull()) {
                return f.textNode(value);
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("--set " + override + ": expected " + describe(current) + " for '" + key
                    + "', found '" + value + "'");
        }
        throw new IllegalArgumentException("--set " + override + ": '" + key + "' cannot be set from the command line");
    }

    private static String describe(JsonNode n) {
        return n.isBoolean() ? "true or false" : n.isIntegralNumber() ? "an integer" : n.isNumber() ? "a number"
                : n.isArray() ? "a list of numbers" : "text";
    }

    private static List<String> keys(ObjectNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }
}
