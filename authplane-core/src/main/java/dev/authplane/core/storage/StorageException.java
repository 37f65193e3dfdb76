package dev.authplane.core.storage;

/**
 * A storage adapter could not complete an operation. Adapters wrap driver exceptions in this type
 * (or a subclass) so that core never sees a JDBC or vendor type. The message must not contain SQL,
 * secrets or key material: it may end up in a log line.
 */
public class StorageException extends RuntimeException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
