/**
 * Micrometer bindings: {@link dev.authplane.micrometer.AuthPlaneMetrics} for the authorization
 * server (authplane-core's observation port) and {@link dev.authplane.micrometer.VerifierMetrics}
 * for the MCP verifier. Each needs only its own side on the classpath.
 */
package dev.authplane.micrometer;
