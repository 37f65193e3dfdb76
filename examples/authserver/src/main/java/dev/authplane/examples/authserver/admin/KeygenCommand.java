package dev.authplane.examples.authserver.admin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.authplane.examples.authserver.CliContext;
import dev.authplane.examples.authserver.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;

/**
 * {@code authserver admin keygen}: a key pair for a {@code private_key_jwt} client, made locally
 * (no server is contacted). The private JWK goes to {@code --out} (created with mode 0600, never
 * overwritten) for the client to sign with; the public JWK Set goes to stdout, to register with
 * {@code client create --jwks-file} or {@code client set-keys}.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Make a key pair for a private_key_jwt client: the private JWK to --out, the public JWK Set to"
                + " stdout.")
final class KeygenCommand implements Callable<Integer> {

    @Option(names = "--kid", required = true, description = "The key id the client's assertions name, e.g. agent-key-1.")
    String kid;

    @Option(names = "--alg", defaultValue = "ES256", description = "ES256 or RS256 (default: ${DEFAULT-VALUE}).")
    String alg;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write the private JWK (mode 0600; an existing file is not overwritten).")
    Path out;

    private final CliContext context;

    KeygenCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        JWK key = generate();
        try {
            Files.write(out, key.toJSONString().getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
        } catch (FileAlreadyExistsException e) {
            throw new CliException(out + " exists; choose another --out (a private key is never overwritten)",
                    CliException.USAGE);
        } catch (IOException | UnsupportedOperationException e) {
            throw new CliException("cannot write " + out + ": " + e.getMessage(), CliException.FAILED);
        }
        context.out().println(new JWKSet(key.toPublicJWK()).toString(true));
        context.err().println("Wrote the private key to " + out + " (keep it secret); the public JWK Set is above.");
        return 0;
    }

    private JWK generate() {
        try {
            return switch (alg) {
                case "ES256" -> new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.ES256).generate();
                case "RS256" -> new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256).generate();
                default -> throw new CliException("unsupported --alg '" + alg + "'; accepted: ES256, RS256",
                        CliException.USAGE);
            };
        } catch (JOSEException e) {
            throw new CliException("cannot generate a key: " + e.getMessage(), CliException.FAILED);
        }
    }
}
