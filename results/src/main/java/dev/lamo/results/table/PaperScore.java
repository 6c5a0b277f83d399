package dev.lamo.results.table;

/** A published number: mean and, where the paper printed one, the std over its seeds. */
public record PaperScore(double mean, Double std) {
}
