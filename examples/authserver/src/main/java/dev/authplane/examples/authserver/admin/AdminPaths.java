package dev.authplane.examples.authserver.admin;

/** The admin API's paths (authplane-servlet's README documents them). */
final class AdminPaths {

    static final String RESOURCES = "/admin/v1/resources";
    static final String CLIENTS = "/admin/v1/clients";
    static final String ISSUANCES = "/admin/v1/issuances";
    static final String KEYS = "/admin/v1/keys";
    static final String KEY_ROTATION = "/admin/v1/keys/rotate";
    static final String AUDIT = "/admin/v1/audit";

    private AdminPaths() {
    }

    static String client(String clientIdOrName) {
        return CLIENTS + "/" + AdminApiClient.segment(clientIdOrName);
    }

    static String keyRevocation(String kid) {
        return KEYS + "/" + AdminApiClient.segment(kid) + "/revoke";
    }

    static String clientAction(String clientIdOrName, String action) {
        return client(clientIdOrName) + "/" + action;
    }
}
