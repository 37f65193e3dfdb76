/**
 * Exceptions shared by every storage port. Adapters translate vendor errors into these types;
 * core maps them to OAuth errors and never lets a driver message reach a client.
 */
package dev.authplane.core.storage;
