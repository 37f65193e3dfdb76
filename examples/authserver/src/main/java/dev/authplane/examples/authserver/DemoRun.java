package dev.authplane.examples.authserver;

import dev.authplane.core.support.SecureRandomIdGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Ports, processes and the data directory of one demo run; closing stops everything and deletes the data. */
final class DemoRun implements AutoCloseable {
    final Path dataDir;
    final int publicPort = freePort();
    final int adminPort = freePort();
    final int mcpPort = freePort();
    final String issuer = "http://localhost:" + publicPort;
    final String resource = "http://localhost:" + mcpPort + "/mcp";
    AuthServer server;
    ChildProcess mcpServer;

    DemoRun(Path dataDir) {
        this.dataDir = dataDir;
    }

    Map<String, String> serverEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("AUTHPLANE_SERVER_ISSUER", issuer);
        env.put("AUTHPLANE_SERVER_PORT", Integer.toString(publicPort));
        env.put("AUTHPLANE_SERVER_BIND", "127.0.0.1");
        env.put("AUTHPLANE_ADMIN_PORT", Integer.toString(adminPort));
        env.put("AUTHPLANE_DATA_DIR", dataDir.toString());
        env.put("AUTHPLANE_CLIENT_CREDENTIALS_ENABLED", "true");
        SecureRandomIdGenerator ids = new SecureRandomIdGenerator();
        byte[] keyEncryptionKey = new byte[32];
        new java.security.SecureRandom().nextBytes(keyEncryptionKey);
        env.put("AUTHPLANE_SIGNING_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(keyEncryptionKey));
        env.put("AUTHPLANE_ADMIN_API_KEY", ids.randomToken(32));
        return env;
    }

    void closeQuietly() {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            System.err.println("authserver: demo cleanup incomplete: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (mcpServer != null) {
                mcpServer.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            deleteRecursively(dataDir);
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new CliException("no free loopback port: " + e.getMessage(), CliException.FAILED);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
