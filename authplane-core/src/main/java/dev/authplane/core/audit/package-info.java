/** The issuance audit log: one row per minted token, its port and the in-memory adapter. */
package dev.authplane.core.audit;
