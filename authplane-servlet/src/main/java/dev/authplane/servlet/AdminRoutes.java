package dev.authplane.servlet;

import dev.authplane.core.Health;
import dev.authplane.core.admin.AdminService;
import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.audit.AdminActor;
import dev.authplane.core.client.Client;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The admin API's route table: one method per resource family, each mapping an HTTP method and
 * path to one {@link AdminService} call and its JSON view. Paths are relative to {@code /admin/v1};
 * the authoritative list is in the module README.
 */
final class AdminRoutes {

    /** One admin request after authentication: method, decoded path segments, raw body, raw query. */
    record Call(String method, List<String> segments, Supplier<byte[]> body, String query) {
    }

    /** What to answer: a status and a JSON body ({@code null} for 204). */
    record Reply(int status, Map<String, Object> body) {
        static Reply ok(Map<String, Object> body) {
            return new Reply(200, body);
        }

        static Reply created(Map<String, Object> body) {
            return new Reply(201, body);
        }

        static Reply noContent() {
            return new Reply(204, null);
        }
    }

    private final AdminService admin;
    private final Supplier<Health> health;
    private final Clock clock;

    AdminRoutes(AdminService admin, Supplier<Health> health, Clock clock) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.health = Objects.requireNonNull(health, "health");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** These routes acting for {@code actor}: every change they make is attributed to it. */
    AdminRoutes by(AdminActor actor) {
        return new AdminRoutes(admin.by(actor), health, clock);
    }

    Reply route(Call call) {
        List<String> s = call.segments();
        if (s.isEmpty()) {
            throw AdminProblem.notFound();
        }
        return switch (s.get(0)) {
            case "resources" -> resources(call, s);
            case "clients" -> clients(call, s);
            case "issuances" -> issuances(call, s);
            case "keys" -> keys(call, s);
            case "health" -> health(call, s);
            case "audit" -> audit(call, s);
            default -> throw AdminProblem.notFound();
        };
    }

    private Reply resources(Call call, List<String> s) {
        if (s.size() == 1) {
            return switch (method(call, "GET, POST")) {
                case "GET" -> Reply.ok(AdminViews.list("resources", admin.listResources(), AdminViews::resource));
                default -> Reply.created(AdminViews.resource(admin.createResource(AdminInput.newResource(call.body().get()))));
            };
        }
        requireSize(s, 2);
        return switch (method(call, "GET, DELETE")) {
            case "GET" -> Reply.ok(AdminViews.resource(admin.getResource(s.get(1))));
            default -> {
                admin.deleteResource(s.get(1));
                yield Reply.noContent();
            }
        };
    }

    private Reply clients(Call call, List<String> s) {
        if (s.size() == 1) {
            return switch (method(call, "GET, POST")) {
                case "GET" -> Reply.ok(AdminViews.list("clients", clientList(call.query()), AdminViews::client));
                default -> Reply.created(withSecret(admin.createClient(AdminInput.newClient(call.body().get()))));
            };
        }
        if (s.size() == 2) {
            return switch (method(call, "GET, PATCH, DELETE")) {
                case "GET" -> Reply.ok(AdminViews.client(admin.getClient(s.get(1))));
                case "PATCH" -> Reply.ok(AdminViews.client(
                        admin.updateClient(s.get(1), AdminInput.clientUpdate(call.body().get()))));
                default -> {
                    admin.deleteClient(s.get(1));
                    yield Reply.noContent();
                }
            };
        }
        requireSize(s, 3);
        return clientAction(call, s.get(1), s.get(2));
    }

    /** Every client, or with {@code ?secret_expires_within=14d} those whose secret expires that soon. */
    private List<Client> clientList(String query) {
        Duration window = AdminInput.secretExpiresWithin(query);
        return window == null ? admin.listClients() : admin.clientsWithSecretExpiringWithin(window);
    }

    private Reply clientAction(Call call, String client, String action) {
        return switch (action) {
            case "rotate-secret" -> post(call, () -> {
                AdminInput.Rotation rotation = AdminInput.rotation(call.body().get());
                return withSecret(admin.rotateSecret(client, rotation.keepOldFor(), rotation.secretExpiresIn()));
            });
            case "disable" -> post(call, () -> AdminViews.client(admin.disableClient(client)));
            case "enable" -> post(call, () -> AdminViews.client(admin.enableClient(client)));
            case "revoke-tokens" -> post(call, () -> Map.of("revoked", admin.revokeClientTokens(client)));
            case "keys" -> {
                method(call, "PUT");
                String[] keys = AdminInput.clientKeys(call.body().get());
                yield Reply.ok(AdminViews.client(admin.setKeys(client, keys[0], keys[1])));
            }
            default -> throw AdminProblem.notFound();
        };
    }

    private Reply issuances(Call call, List<String> s) {
        if (s.size() == 3 && s.get(2).equals("revoke")) {
            return post(call, () -> AdminViews.issuance(admin.revokeIssuance(s.get(1))));
        }
        requireSize(s, 1);
        method(call, "GET");
        return Reply.ok(AdminViews.list("issuances",
                admin.listIssuances(AdminInput.issuanceQuery(call.query(), clock.instant())), AdminViews::issuance));
    }

    private Reply keys(Call call, List<String> s) {
        if (s.size() == 1) {
            method(call, "GET");
            return Reply.ok(AdminViews.list("keys", admin.listKeys(), AdminViews::key));
        }
        if (s.size() == 3 && "revoke".equals(s.get(2))) {
            return post(call, () -> AdminViews.key(admin.revokeKey(s.get(1))));
        }
        requireSize(s, 2);
        if (!"rotate".equals(s.get(1))) {
            throw AdminProblem.notFound();
        }
        return post(call, () -> AdminViews.key(admin.rotateKey()));
    }

    private Reply audit(Call call, List<String> s) {
        requireSize(s, 1);
        method(call, "GET");
        return Reply.ok(AdminViews.list("events",
                admin.listAuditEvents(AdminInput.auditQuery(call.query(), clock.instant())), AdminViews::event));
    }

    private Reply health(Call call, List<String> s) {
        requireSize(s, 1);
        method(call, "GET");
        Health h = health.get();
        return new Reply(h.up() ? 200 : 503, Map.of("status", h.up() ? "up" : "down", "detail", h.detail()));
    }

    private static Reply post(Call call, Supplier<Map<String, Object>> action) {
        method(call, "POST");
        return Reply.ok(action.get());
    }

    private static Map<String, Object> withSecret(CreatedClient created) {
        return AdminViews.created(created);
    }

    /** @return the call's method when {@code allowed} lists it, else a 405 naming {@code allowed} */
    private static String method(Call call, String allowed) {
        if (!List.of(allowed.split(", ")).contains(call.method())) {
            throw AdminProblem.methodNotAllowed(allowed);
        }
        return call.method();
    }

    private static void requireSize(List<String> segments, int size) {
        if (segments.size() != size) {
            throw AdminProblem.notFound();
        }
    }
}
