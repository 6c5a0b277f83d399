package dev.lamo.harness.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of actions, one per step: either a JSON array of arrays, or plain text with one action per line,
 * its numbers separated by spaces or commas ({@code #} starts a comment).
 */
final class ActionFile {

    private ActionFile() {
    }

    static List<double[]> read(Path file, int actionSize) throws IOException {
        String text = Files.readString(file);
        return text.stripLeading().startsWith("[") ? fromJson(file, text, actionSize) : fromLines(file, text, actionSize);
    }

    private static List<double[]> fromLines(Path file, String text, int actionSize) {
        List<double[]> actions = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("[,\\s]+");
            if (parts.length != actionSize) {
                throw new BadInputException(file + " line " + (n + 1) + ": expected " + actionSize
                        + " numbers per action, found " + parts.length);
            }
            double[] a = new double[actionSize];
            for (int i = 0; i < actionSize; i++) {
                try {
                    a[i] = Double.parseDouble(parts[i]);
                } catch (NumberFormatException e) {
                    throw new BadInputException(file + " line " + (n + 1) + ": expected a number, found '" + parts[i] + "'");
                }
            }
            actions.add(a);
        }
        return actions;
    }

    private static List<double[]> fromJson(Path file, String text, int actionSize) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + ": not valid JSON: " + e.getOriginalMessage());
        }
        List<double[]> actions = new ArrayList<>();
        for (int t = 0; t < root.size(); t++) {
            JsonNode row = root.get(t);
            if (!row.isArray() || row.size() != actionSize) {
                throw new BadInputException(file + " action " + t + ": expected an array of " + actionSize
                        + " numbers, found " + row);
            }
            double[] a = new double[actionSize];
            for (int i = 0; i < actionSize; i++) {
                if (!row.get(i).isNumber()) {
                    throw new BadInputException(file + " action " + t + ": expected a number, found " + row.get(i));
                }
                a[i] = row.get(i).asDouble();
            }
            actions.add(a);
        }
        return actions;
    }
}
