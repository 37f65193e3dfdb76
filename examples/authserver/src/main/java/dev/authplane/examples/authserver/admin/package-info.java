/**
 * {@code authserver admin …}: the admin CLI (the admin API (authplane-servlet README)). Each command is a thin HTTP client of the
 * server's admin API ({@link dev.authplane.examples.authserver.admin.AdminOptions} finds the URL and
 * the admin key), printing aligned text by default and the API's JSON with {@code --json}.
 */
package dev.authplane.examples.authserver.admin;
