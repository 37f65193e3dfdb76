package dev.authplane.core.storage;

/**
 * An insert or update would break a uniqueness rule of a port (a second client with the same
 * {@code client_id} or name, a second resource with the same slug or URI, a repeated {@code jti},
 * a second active signing key). The rule is enforced by the store itself, so it holds across
 * several server nodes sharing one database.
 */
public class DuplicateKeyException extends StorageException {

    public DuplicateKeyException(String message) {
        super(message);
    }

    public DuplicateKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
