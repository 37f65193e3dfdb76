/**
 * Reliability and abuse tests of issue 8, run against real parts only: embedded Jetty 12 with the
 * servlet endpoints over JDBC storage on file-backed H2 or PostgreSQL, the runnable server as
 * separate processes, and raw sockets for bytes no well-behaved client would send. Support types:
 * {@link dev.authplane.reliability.EmbeddedServer} and {@link dev.authplane.reliability.ServerProcess}
 * (the two ways a server runs), {@link dev.authplane.reliability.RawHttp} and
 * {@link dev.authplane.reliability.Http} (clients), the seeded corpora
 * ({@link dev.authplane.reliability.TokenRequestCorpus}, {@link dev.authplane.reliability.AdminRequestCorpus},
 * {@link dev.authplane.reliability.VerifierRequestCorpus}) with their
 * {@link dev.authplane.reliability.ResponseRules}, {@link dev.authplane.reliability.TokenLoad} and
 * {@link dev.authplane.reliability.AuditCheck} for load and audit, and the
 * {@link dev.authplane.reliability.SecretLedger} read by {@link dev.authplane.reliability.LogHygieneCheck}.
 */
package dev.authplane.reliability;
