package dev.authplane.examples.authserver;

import dev.authplane.examples.authserver.config.ConfigLoader;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** In-process servers on ephemeral loopback ports, with a fast bcrypt cost. */
final class TestServers {

    private TestServers() {
    }

    /** The server environment for {@code dataDir}; the grant is enabled unless {@code extra} says otherwise. */
    static Map<String, String> env(Path dataDir, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("AUTHPLANE_SERVER_PORT", "0");
        env.put("AUTHPLANE_SERVER_BIND", "127.0.0.1");
        env.put("AUTHPLANE_ADMIN_PORT", "0");
        env.put("AUTHPLANE_DATA_DIR", dataDir.toString());
        env.put("AUTHPLANE_CLIENT_CREDENTIALS_ENABLED", "true");
        env.put("AUTHPLANE_SECURITY_BCRYPT_COST", "4");
        env.putAll(extra);
        return env;
    }

    static AuthServer start(Path dataDir, Map<String, String> extra) {
        return AuthServer.start(ConfigLoader.load(Map.of(), env(dataDir, extra)), new PrintWriter(new StringWriter()));
    }

    /** What one CLI run printed and returned. */
    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
        }
    }

    static Run cli(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AuthServerCli.execute(new CliContext(env, new PrintWriter(out, true), new PrintWriter(err, true)), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code authserver admin args…} with {@code env}. */
    static Run admin(Map<String, String> env, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "admin";
        System.arraycopy(args, 0, argv, 1, args.length);
        return cli(env, argv);
    }
}
