package dev.lamo.harness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident set size (Linux {@code /proc/self/status}), which includes native (torch) memory. */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    /** Resident memory in bytes, or −1 where {@code /proc} is not available. */
    public static long bytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
