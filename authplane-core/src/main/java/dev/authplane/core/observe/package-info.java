/**
 * The observation port: {@link dev.authplane.core.observe.AuthPlaneObserver}, which the token
 * service, client authentication, the bcrypt pool, the verified-secret cache, the issuance group
 * commit, key management and the admin service call at each outcome, and
 * {@link dev.authplane.core.observe.AuthPlaneGauges}, the state an observer may sample. Core knows
 * no metrics library: a binding (e.g. authplane-micrometer) implements the observer.
 */
package dev.authplane.core.observe;
