/**
 * Jakarta Servlet adapter: {@link dev.authplane.mcp.verifier.servlet.AccessTokenFilter} protects
 * any servlet-based MCP server and serves its RFC 9728 document; outcomes become 401/403/503 with
 * RFC 6750 / RFC 9449 challenges.
 */
package dev.authplane.mcp.verifier.servlet;
