/**
 * Protected resources (MCP servers): the {@link dev.authplane.core.resource.Resource} aggregate
 * whose URI becomes the token audience, its repository port and the in-memory adapter.
 */
package dev.authplane.core.resource;
