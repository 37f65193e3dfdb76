/** Small shared services and rules: random identifiers and secrets, the slug rule. */
package dev.authplane.core.support;
