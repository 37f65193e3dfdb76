/**
 * JMH microbenchmarks: the raw primitives (ES256 and RS256 sign and verify, bcrypt) that bound
 * every other figure, and {@code TokenService.issue} in process on the in-memory and durable H2 stores.
 */
package dev.authplane.benchmarks.jmh;
