package dev.authplane.benchmarks.jmh;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The primitives every token costs, one thread: nimbus ES256 (P-256) and RS256 (2048-bit) signing
 * and verification of an access-token-sized signing input, and a bcrypt check at the run's cost
 * (the check a client authentication without a verified-credential cache pays per request).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PrimitivesBenchmark {

    /** bcrypt cost of {@link #bcryptCheck()}; the run passes its own with {@code -p bcryptCost=}. */
    @Param("10")
    public int bcryptCost;

    private JWSHeader es256Header;
    private JWSHeader rs256Header;
    private ECDSASigner ecSigner;
    private ECDSAVerifier ecVerifier;
    private RSASSASigner rsaSigner;
    private RSASSAVerifier rsaVerifier;
    private byte[] signingInput;
    private Base64URL es256Signature;
    private Base64URL rs256Signature;
    private String secret;
    private String secretHash;

    @Setup
    public void setUp() throws JOSEException {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
        es256Header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec").build();
        rs256Header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa").build();
        ecSigner = new ECDSASigner(ec);
        ecVerifier = new ECDSAVerifier(ec.toPublicJWK());
        rsaSigner = new RSASSASigner(rsa);
        rsaVerifier = new RSASSAVerifier(rsa.toPublicJWK());
        String payload = Base64URL.encode("{\"iss\":\"http://127.0.0.1:9000\",\"sub\":\"bench-client\","
                + "\"client_id\":\"bench-client\",\"aud\":\"https://mcp.bench.example/mcp\",\"scope\":\"tools/query\","
                + "\"iat\":1764140000,\"nbf\":1764140000,\"exp\":1764143600,"
                + "\"jti\":\"0123456789abcdef0123456789abcdef\"}").toString();
        signingInput = (es256Header.toBase64URL() + "." + payload).getBytes(StandardCharsets.US_ASCII);
        es256Signature = ecSigner.sign(es256Header, signingInput);
        rs256Signature = rsaSigner.sign(rs256Header, signingInput);
        secret = "0123456789abcdef0123456789abcdef0123456789a";
        secretHash = BCrypt.hashpw(secret, BCrypt.gensalt(bcryptCost));
    }

    @Benchmark
    public Base64URL es256Sign() throws JOSEException {
        return ecSigner.sign(es256Header, signingInput);
    }

    @Benchmark
    public boolean es256Verify() throws JOSEException {
        return ecVerifier.verify(es256Header, signingInput, es256Signature);
    }

    @Benchmark
    public Base64URL rs256Sign() throws JOSEException {
        return rsaSigner.sign(rs256Header, signingInput);
    }

    @Benchmark
    public boolean rs256Verify() throws JOSEException {
        return rsaVerifier.verify(rs256Header, signingInput, rs256Signature);
    }

    @Benchmark
    public boolean bcryptCheck() {
        return BCrypt.checkpw(secret, secretHash);
    }
}
