/** Small injected services shared by the other packages: random identifiers and secrets. */
package dev.authplane.core.support;
