/**
 * Core's typed settings, one small immutable record per concern with its defaults as named
 * constants ({@link dev.authplane.core.config.AuthPlaneConfig} gathers them), and
 * {@link dev.authplane.core.config.Durations}, the human duration syntax ({@code 90s}, {@code 15m})
 * that front ends and the admin API share. Core reads no file and no environment variable: the
 * runnable server's loader ({@code examples/authserver}) or a Spring Boot binding builds these.
 */
package dev.authplane.core.config;
