package dev.authplane.examples.authserver.config;

/**
 * Invalid configuration. The message names the key (as {@code section.key} and its environment
 * variable) and the accepted values, and is meant to be printed as is, without a stack trace.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
