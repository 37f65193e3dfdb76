/** Small shared services and rules: random identifiers and secrets, the slug rule, failure windows. */
package dev.authplane.core.support;
