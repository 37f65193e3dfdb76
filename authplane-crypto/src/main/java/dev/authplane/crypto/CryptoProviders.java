package dev.authplane.crypto;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Provider;
import java.security.Security;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Chooses the JCA provider that signs and verifies: the setting {@code auto} takes the native
 * provider (Conscrypt, BoringSSL's P-256 and RSA) when it is on the classpath, loads on this
 * platform and passes {@link SelfCheck}, and otherwise the JDK's providers, with a warning saying
 * why; {@code jdk} takes the JDK's; any other value names an installed provider (or
 * {@code Conscrypt}), which must pass the self-check, else the choice fails. The choice is logged.
 * No cryptography is written here: the provider does it, through nimbus's JCA context.
 */
public final class CryptoProviders {

    /** The setting that picks the native provider when it works here, else the JDK's. */
    public static final String AUTO = "auto";
    /** The setting that picks the JDK's providers. */
    public static final String JDK = "jdk";
    /** The native provider {@code auto} tries. */
    public static final String CONSCRYPT = "Conscrypt";

    private static final Logger LOG = LoggerFactory.getLogger(CryptoProviders.class);

    private CryptoProviders() {
    }

    /**
     * The outcome of a choice.
     *
     * @param provider    the chosen provider, or {@code null} for the JDK's (what nimbus's JCA context takes)
     * @param description one line for the log, e.g. {@code Conscrypt 2.5.2 (native, self-checked)}
     */
    public record Choice(Provider provider, String description) {
        public Choice {
            Objects.requireNonNull(description, "description");
        }

        /** Whether a provider other than the JDK's was chosen. */
        public boolean isNative() {
            return provider != null;
        }
    }

    /**
     * Chooses for {@code setting} ({@code auto}, {@code jdk} or a provider name; case-insensitive)
     * and logs the choice.
     *
     * @param settingName the setting's name for messages, e.g. {@code signing.crypto_provider}
     * @throws IllegalArgumentException when a named provider is not installed or fails the self-check
     */
    public static Choice choose(String setting, String settingName) {
        Objects.requireNonNull(setting, settingName);
        String value = setting.strip();
        if (value.equalsIgnoreCase(JDK)) {
            return logged(jdk());
        }
        if (value.equalsIgnoreCase(AUTO)) {
            return logged(auto(CryptoProviders::conscrypt));
        }
        Provider named = value.equalsIgnoreCase(CONSCRYPT) ? conscryptOrExplain(settingName) : Security.getProvider(value);
        if (named == null) {
            throw new IllegalArgumentException(settingName + ": no JCA provider named '" + value
                    + "' is installed (use auto, jdk, or an installed provider's name)");
        }
        String problem = SelfCheck.problem(named);
        if (problem != null) {
            throw new IllegalArgumentException(settingName + ": provider " + named.getName() + " failed its self-check ("
                    + problem + "); use auto or jdk");
        }
        return logged(new Choice(named, describe(named)));
    }

    /**
     * {@code auto} with {@code candidate} as the native provider: it, when it loads and passes the
     * self-check, else the JDK's with a warning. Package-private so tests can offer a broken one.
     */
    static Choice auto(Supplier<Provider> candidate) {
        Provider provider;
        try {
            provider = candidate.get();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Native crypto provider unavailable on this platform ({}); using the JDK's providers",
                    e.getClass().getSimpleName());
            return jdk();
        }
        if (provider == null) {
            LOG.info("No native crypto provider on the classpath; using the JDK's providers");
            return jdk();
        }
        String problem = SelfCheck.problem(provider);
        if (problem != null) {
            LOG.warn("Native crypto provider {} failed its self-check ({}); using the JDK's providers",
                    provider.getName(), problem);
            return jdk();
        }
        return new Choice(provider, describe(provider));
    }

    private static Choice jdk() {
        return new Choice(null, "the JDK's providers (Java " + Runtime.version().feature() + ")");
    }

    private static Choice logged(Choice choice) {
        LOG.info("Signatures computed by {}", choice.description());
        return choice;
    }

    private static String describe(Provider provider) {
        String version = provider.getName().equals(CONSCRYPT) ? conscryptVersion() : provider.getVersionStr();
        return provider.getName() + " " + version + " (self-checked against the JDK)";
    }

    /** Conscrypt's own version: its provider reports 1.0. */
    private static String conscryptVersion() {
        org.conscrypt.Conscrypt.Version v = org.conscrypt.Conscrypt.version();
        return v.major() + "." + v.minor() + "." + v.patch();
    }

    /**
     * A new Conscrypt provider, or {@code null} when Conscrypt is not on the classpath.
     *
     * @throws LinkageError or {@link IllegalStateException} when it is, but its native library
     *                      does not load on this platform
     */
    static Provider conscrypt() {
        try {
            Class.forName("org.conscrypt.Conscrypt", false, CryptoProviders.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        if (!org.conscrypt.Conscrypt.isAvailable()) {
            throw new IllegalStateException("Conscrypt's native library does not load here");
        }
        return org.conscrypt.Conscrypt.newProvider();
    }

    private static Provider conscryptOrExplain(String settingName) {
        try {
            Provider provider = conscrypt();
            if (provider == null) {
                throw new IllegalArgumentException(settingName + ": Conscrypt is not on the classpath"
                        + " (add org.conscrypt:conscrypt-openjdk-uber, or use auto or jdk)");
            }
            return provider;
        } catch (IllegalStateException | LinkageError e) {
            throw new IllegalArgumentException(settingName + ": Conscrypt does not load on this platform ("
                    + System.getProperty("os.name").toLowerCase(Locale.ROOT) + ", " + System.getProperty("os.arch")
                    + "); use auto or jdk");
        }
    }
}
