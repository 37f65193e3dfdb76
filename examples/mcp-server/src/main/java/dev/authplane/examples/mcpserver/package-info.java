/**
 * The example MCP server of the seed's story: the official MCP Java SDK's Streamable HTTP transport
 * on Jetty, behind authplane-mcp-verifier's {@code AccessTokenFilter}. Its tools read the verified
 * caller from the MCP transport context: {@code query} needs scope {@code tools/query},
 * {@code whoami} any valid token ({@link dev.authplane.examples.mcpserver.ExampleTools}).
 */
package dev.authplane.examples.mcpserver;
