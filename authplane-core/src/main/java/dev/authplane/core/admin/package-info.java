/**
 * Administration (the admin API (authplane-servlet README)): {@link dev.authplane.core.admin.AdminService}, the one service behind
 * the programmatic, HTTP and CLI admin surfaces, its input records and
 * {@link dev.authplane.core.admin.AdminException}.
 */
package dev.authplane.core.admin;
