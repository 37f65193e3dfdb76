/**
 * AuthPlane's Jakarta Servlet 6 endpoints: the token endpoint, JWKS, RFC 8414 and RFC 9728
 * metadata, health and the admin API. {@link dev.authplane.servlet.AuthPlaneServlets} is the only
 * public type; every servlet is a thin pipeline (parse, typed request, core service, one response
 * writer, one error writer) and holds no grant logic.
 */
package dev.authplane.servlet;
