package dev.lamo.envs;

import java.util.List;

/** An environment id that the registry does not know. */
public class UnknownEnvironmentException extends IllegalArgumentException {

    public UnknownEnvironmentException(String id, List<String> known) {
        super("unknown environment '" + id + "'; expected one of: " + String.join(", ", known));
    }
}
