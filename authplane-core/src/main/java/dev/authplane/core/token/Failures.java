package dev.authplane.core.token;

import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.storage.StorageException;
import dev.authplane.core.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps unexpected failures to the two OAuth errors a client may see for them. */
final class Failures {

    static final String UNAVAILABLE = "The authorization server is temporarily unavailable; retry later";
    static final String SERVER_ERROR = "The authorization server could not complete the request";

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    /**
     * @return {@code e} itself when it is an {@link OAuthException}; {@code temporarily_unavailable}
     *         for an unreachable store; {@code server_error} for anything else. Logs the cause
     *         (storage messages carry no secrets by contract; tokens are never part of one).
     */
    static OAuthException toOAuth(RuntimeException e, String during) {
        if (e instanceof OAuthException oauth) {
            return oauth;
        }
        if (e instanceof StorageUnavailableException) {
            LOG.warn("Storage unavailable during {}: {}", during, e.getMessage());
            return new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, UNAVAILABLE);
        }
        if (e instanceof StorageException) {
            LOG.error("Storage failure during {}: {}", during, e.getMessage());
        } else {
            LOG.error("Unexpected failure during {}", during, e);
        }
        return new OAuthException(OAuthError.SERVER_ERROR, SERVER_ERROR);
    }
}
