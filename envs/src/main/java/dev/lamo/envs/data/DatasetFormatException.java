package dev.lamo.envs.data;

/**
 * A dataset file that cannot be used as asked: one line naming the file, the key, what was expected and
 * what was found.
 */
public class DatasetFormatException extends IllegalArgumentException {

    public DatasetFormatException(String message) {
        super(message);
    }

    public DatasetFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
