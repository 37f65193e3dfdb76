/**
 * Resource-server side of AuthPlane: what an MCP server embeds to accept AuthPlane's (or any
 * RFC 9068 authorization server's) access tokens. {@link dev.authplane.mcp.verifier.TokenVerifier}
 * checks a request's token, DPoP proof and scopes and returns a
 * {@link dev.authplane.mcp.verifier.VerifiedToken}, or throws one of the
 * {@link dev.authplane.mcp.verifier.TokenVerificationException} outcomes. Runtime dependencies:
 * nimbus-jose-jwt and slf4j-api only. The {@code servlet} sub-package maps outcomes to HTTP; the
 * {@code sdk} sub-package plugs into the MCP Java SDK.
 */
package dev.authplane.mcp.verifier;
