/**
 * The in-process verifier comparison: AuthPlane's {@code TokenVerifier} against Spring Security's
 * {@code NimbusJwtDecoder} and raw nimbus signature checks, on the same tokens, one thread each.
 */
package dev.authplane.benchmarks.verifier;
