package dev.authplane.core.config;

/** Access-token signing algorithms (asymmetric only). */
public enum SigningAlgorithm {
    ES256,
    RS256
}
