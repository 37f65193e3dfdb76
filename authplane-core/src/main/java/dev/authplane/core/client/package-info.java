/**
 * Registered OAuth clients: the {@link dev.authplane.core.client.Client} aggregate, its
 * repository port and the in-memory adapter, and client authentication
 * ({@link dev.authplane.core.client.ClientAuthenticator}).
 *
 * <h2>Cost of client authentication and its security argument</h2>
 * A bcrypt check costs tens to hundreds of milliseconds of CPU by design. Running one per token
 * request caps a node at a few dozen tokens per second per core and lets anyone with a list of
 * wrong secrets burn that CPU. The authenticator therefore adds three controls; none weakens what
 * bcrypt protects.
 *
 * <p><b>Verified-credential cache.</b> After a request passed the bcrypt check, and only after it
 * passed every other check too (method, status), the authenticator keeps
 * {@code HMAC-SHA-256(k, client_id || stored hash || secret)} under the client id, with {@code k}
 * 256 random bits drawn once per process from the injected
 * {@link dev.authplane.core.support.IdGenerator} and never stored or logged. A later request by
 * the same client computes the same tag from the presented secret and the client's <em>current</em>
 * stored hash, which is still read from the repository on every request, and compares it in
 * constant time ({@link java.security.MessageDigest#isEqual}); equal tags mean the same secret was
 * verified against this very hash, so bcrypt is skipped. Consequences:
 * <ul>
 *   <li>Rotation takes effect at once: a new secret means a new stored hash, the old tag can no
 *       longer be produced, and the old secret goes through bcrypt against the new hash and
 *       fails. Disabling takes effect at once: status (and method) are checked on every request,
 *       cached or not.</li>
 *   <li>A failed attempt never creates, replaces or removes an entry, so wrong secrets can
 *       neither fill the cache nor evict a legitimate client's entry. A miss always costs a full
 *       bcrypt check: online guessing is exactly as expensive as without the cache.</li>
 *   <li>Timing: a hit is fast, but only a caller who already holds the right secret can produce
 *       one. Unknown clients, wrong secrets, wrong methods and disabled clients without a valid
 *       cached secret all cost one HMAC plus one bcrypt check of the configured cost. (A stored
 *       hash keeps the cost it was made with: after raising {@code security.bcrypt_cost}, rotate
 *       older secrets so that known and unknown clients cost the same again.)</li>
 *   <li>Heap access: an attacker who can read the heap finds {@code k} and the tags, and could test
 *       guesses at HMAC speed instead of bcrypt speed. Generated secrets carry 256 random bits,
 *       so that search is hopeless either way; and such an attacker can read presented secrets
 *       from request buffers anyway. Tags never leave the process, and the cache dies with it.</li>
 *   <li>The cache is bounded ({@code security.verified_secret_cache_size}, least recently used
 *       evicted) and only successful clients enter it.</li>
 * </ul>
 *
 * <p><b>Failure throttling.</b> Failed authentications are counted per presented
 * {@code client_id} (whether or not it exists) and per remote address (IPv6 per /64). Beyond
 * {@code security.max_failed_auth_per_client} or {@code security.max_failed_auth_per_address}
 * within {@code security.failed_auth_window}, a request that would need a bcrypt check is answered
 * {@code slow_down} with a retry delay at once, before any bcrypt work. The answer is identical for
 * known and unknown client ids. A request whose secret matches a cache entry is not throttled:
 * someone flooding a known client id with wrong secrets cannot lock out the real client once it
 * has authenticated. Memory is bounded: each dimension tracks at most 100,000 keys.
 *
 * <p><b>Bounded bcrypt pool.</b> At most {@code security.bcrypt_concurrency} checks (default: one
 * per core) run at once; a request waiting longer than {@code security.bcrypt_wait} is answered
 * {@code temporarily_unavailable}. A flood of wrong secrets from many addresses therefore costs at
 * most those cores, while cached clients, which need no slot, keep getting tokens.
 */
package dev.authplane.core.client;
