package dev.lamo.results.table;

/** Runs that a table would have to average although they were not produced under the same protocol. */
public class IncomparableRunsException extends IllegalArgumentException {

    public IncomparableRunsException(String message) {
        super(message);
    }
}
