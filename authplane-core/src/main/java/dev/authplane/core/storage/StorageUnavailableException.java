package dev.authplane.core.storage;

/**
 * The store could not be reached or did not answer in time (connection refused, pool exhausted,
 * timeout). The operation may succeed when retried later; the token endpoint answers
 * {@code 503 temporarily_unavailable}.
 */
public class StorageUnavailableException extends StorageException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
