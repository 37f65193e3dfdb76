/**
 * MCP Java SDK glue ({@code io.modelcontextprotocol.sdk}, provided by the MCP server): exposes the
 * verified token to tool handlers through the SDK's transport context and guards tools by scope.
 * Only this package needs the SDK on the classpath.
 */
package dev.authplane.mcp.verifier.sdk;
