/**
 * The one-command benchmark run ({@code benchmarks/run.sh} calls {@link dev.authplane.benchmarks.run.BenchmarkRun}):
 * starts each server in its own JVM, drives it with wrk, runs the verifier comparison and JMH in
 * child JVMs of each JDK, and prints one {@code RESULT} line per figure.
 */
package dev.authplane.benchmarks.run;
