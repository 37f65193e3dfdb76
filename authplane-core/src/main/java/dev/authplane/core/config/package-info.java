/**
 * Typed configuration (the README's Configuration section): {@link dev.authplane.core.config.AuthPlaneConfig}, loaded from a
 * YAML tree plus {@code AUTHPLANE_<SECTION>_<KEY>} environment overrides by
 * {@link dev.authplane.core.config.ConfigLoader}. Core parses no YAML itself; the runnable server
 * does and hands the tree over.
 */
package dev.authplane.core.config;
