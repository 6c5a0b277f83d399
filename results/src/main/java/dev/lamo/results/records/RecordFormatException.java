package dev.lamo.results.records;

/** A record file that is missing, malformed, or of an unknown or newer schema. One line, names the file. */
public class RecordFormatException extends IllegalArgumentException {

    public RecordFormatException(String message) {
        super(message);
    }

    public RecordFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
