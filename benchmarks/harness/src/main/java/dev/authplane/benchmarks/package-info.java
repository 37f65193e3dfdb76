/**
 * AuthPlane's benchmark harness: the fixture every contender shares. Sub-packages hold the
 * benchmark server ({@code server}), the in-process verifier comparison ({@code verifier}), the
 * JMH microbenchmarks ({@code jmh}) and the orchestration that prints the {@code RESULT} lines
 * ({@code run}). Not a library: nothing here is published.
 */
package dev.authplane.benchmarks;
