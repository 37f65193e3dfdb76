/**
 * A token's life after minting: revocation (RFC 7009, by the client, and by an administrator, a
 * disabled or deleted client or resource), the revoked-token set every node keeps, and
 * introspection (RFC 7662) for registered clients allowed to ask about their resources' tokens.
 */
package dev.authplane.core.lifecycle;
