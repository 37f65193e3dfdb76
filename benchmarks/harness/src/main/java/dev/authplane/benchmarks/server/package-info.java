/** AuthPlane's server as the token-endpoint benchmark runs it (Jetty, servlet endpoints, JDBC store). */
package dev.authplane.benchmarks.server;
