/**
 * Entry point of AuthPlane's core: {@link dev.authplane.core.AuthPlane}, the facade that wires
 * configuration and storage adapters into the token, admin and key services. The sub-packages are
 * organised by role (client, resource, scope, token, key, dpop, audit, admin, config, storage,
 * support), each holding its domain types, ports, services and in-memory adapters.
 */
package dev.authplane.core;
