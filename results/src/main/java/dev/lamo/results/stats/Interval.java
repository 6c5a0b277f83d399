package dev.lamo.results.stats;

/** A point estimate with a confidence interval. */
public record Interval(double estimate, double lower, double upper) {
}
