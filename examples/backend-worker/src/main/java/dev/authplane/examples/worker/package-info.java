/**
 * The backend worker of the seed's story: a confidential OAuth client that obtains a machine token
 * with the {@code client_credentials} grant ({@link dev.authplane.examples.worker.TokenClient}),
 * keeps it fresh by re-authenticating shortly before it expires
 * ({@link dev.authplane.examples.worker.TokenSource}; there is no refresh token), and calls the
 * {@code query} tool of an MCP server with the official MCP Java SDK client
 * ({@link dev.authplane.examples.worker.McpToolCaller}).
 */
package dev.authplane.examples.worker;
