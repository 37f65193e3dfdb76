package dev.authplane.testsupport;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JCA provider that computes ES256 and RS256 signatures with the JDK's providers and counts
 * each sign and verify, so a test can prove that a configured provider is the one used. Not
 * installed in {@link java.security.Security}: pass the instance where a provider is configured.
 */
public final class CountingJcaProvider extends Provider {

    private static final long serialVersionUID = 1L;

    /** Signatures computed through any instance since the last {@link #reset()}. */
    public static final AtomicInteger SIGNS = new AtomicInteger();
    /** Signatures verified through any instance since the last {@link #reset()}. */
    public static final AtomicInteger VERIFIES = new AtomicInteger();

    public CountingJcaProvider() {
        super("AuthPlaneCounting", "1.0", "counts signatures computed by the JDK");
        put("Signature.SHA256withECDSA", Es256.class.getName());
        put("Signature.SHA256withRSA", Rs256.class.getName());
    }

    /** Sets both counters to zero. */
    public static void reset() {
        SIGNS.set(0);
        VERIFIES.set(0);
    }

    /** {@code SHA256withECDSA} through the JDK, counted. */
    public static final class Es256 extends Counting {
        public Es256() throws NoSuchAlgorithmException {
            super("SHA256withECDSA");
        }
    }

    /** {@code SHA256withRSA} through the JDK, counted. */
    public static final class Rs256 extends Counting {
        public Rs256() throws NoSuchAlgorithmException {
            super("SHA256withRSA");
        }
    }

    private abstract static class Counting extends SignatureSpi {
        private final Signature jdk;

        Counting(String algorithm) throws NoSuchAlgorithmException {
            this.jdk = Signature.getInstance(algorithm);
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            jdk.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            jdk.initSign(privateKey);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            jdk.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            jdk.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            SIGNS.incrementAndGet();
            return jdk.sign();
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            VERIFIES.incrementAndGet();
            return jdk.verify(sigBytes);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException("no parameters");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException("no parameters");
        }
    }
}
