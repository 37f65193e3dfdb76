/**
 * Signing keys: the {@link dev.authplane.core.key.SigningKey} record and its repository port, the
 * in-memory adapter, and {@link dev.authplane.core.key.KeyManager}, which generates, rotates and
 * retires keys, serves the public JWKS and hands the cached active signer to the token minter.
 */
package dev.authplane.core.key;
