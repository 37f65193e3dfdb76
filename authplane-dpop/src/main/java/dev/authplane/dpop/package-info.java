/**
 * DPoP (RFC 9449) proof checking, shared by AuthPlane's token endpoint and the MCP verifier:
 * {@link dev.authplane.dpop.DPoPProofVerifier} with its {@link dev.authplane.dpop.DPoPCheck},
 * the {@link dev.authplane.dpop.DPoPReplayStore} port and its in-memory adapter, the
 * {@link dev.authplane.dpop.Htu} normaliser and the {@link dev.authplane.dpop.ServerNonces} hook.
 * Outcomes: a thumbprint (accepted), {@link dev.authplane.dpop.DPoPProofException} (rejected) or
 * {@link dev.authplane.dpop.DPoPCheckUnavailableException} (could not check). Depends on
 * nimbus-jose-jwt only.
 */
package dev.authplane.dpop;
