package org.citygraph.api.admin;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.citygraph.api.graphql.Connection;
import org.citygraph.api.graphql.Permissions;
import org.citygraph.api.graphql.Selections;
import org.citygraph.api.graphql.TimeRange;
import org.citygraph.api.graphql.UserError;
import org.citygraph.api.security.ApiKeyAuthenticator;
import org.citygraph.graph.GraphNode;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.agency.Agencies;
import org.citygraph.graph.agency.Agency;
import org.citygraph.graph.audit.AuditEntry;
import org.citygraph.graph.audit.AuditLog;
import org.citygraph.graph.user.ApiKey;
import org.citygraph.graph.user.ApiKeys;
import org.citygraph.graph.user.User;
import org.citygraph.graph.user.Users;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;

import graphql.schema.DataFetchingEnvironment;

/** Accounts, API keys and the audit log: the admin's side of who may do what. */
@Controller
class AdminController {

    static final int MIN_PASSWORD = 12;

    /** The schema's {@code Viewer}: the caller. */
    record ViewerView(String id, String name, Viewer.Role role, String agencyId) {
    }

    record CreateUserInput(String username, String displayName, Viewer.Role role, String agencyId, String password) {
    }

    record CreateApiKeyInput(String name, Viewer.Role role, String agencyId, OffsetDateTime expiresAt) {
    }

    record AuditFilter(String actorId, String action, String subjectId, TimeRange at) {
    }

    record UserPayload(User user, List<UserError> errors) {
    }

    record CreateApiKeyPayload(ApiKey apiKey, String key, List<UserError> errors) {
    }

    record ApiKeyPayload(ApiKey apiKey, List<UserError> errors) {
    }

    private final Users users;
    private final ApiKeys apiKeys;
    private final ApiKeyAuthenticator keyCache;
    private final AuditLog audit;
    private final Agencies agencies;
    private final PasswordEncoder encoder;

    AdminController(Users users, ApiKeys apiKeys, ApiKeyAuthenticator keyCache, AuditLog audit, Agencies agencies,
                    PasswordEncoder encoder) {
        this.users = users;
        this.apiKeys = apiKeys;
        this.keyCache = keyCache;
        this.audit = audit;
        this.agencies = agencies;
        this.encoder = encoder;
    }

    @QueryMapping
    ViewerView viewer(@ContextValue Viewer viewer) {
        return new ViewerView(viewer.userId(), viewer.name(), viewer.role(), viewer.agencyId());
    }

    @QueryMapping(name = "users")
    List<User> listUsers(@ContextValue Viewer viewer) {
        Permissions.requireAdmin(viewer);
        return users.list();
    }

    @MutationMapping
    UserPayload createUser(@Argument CreateUserInput input, @ContextValue Viewer viewer) {
        Permissions.requireAdmin(viewer);
        var weak = weakPassword(input.password(), input.username(), List.of("input", "password"));
        if (weak != null) {
            return new UserPayload(null, List.of(weak));
        }
        try {
            return new UserPayload(users.create(input.username(), input.displayName(), input.role(), input.agencyId(),
                    encoder.encode(input.password())), List.of());
        } catch (InvalidInputException e) {
            return new UserPayload(null, UserError.of(e));
        }
    }

    @MutationMapping
    UserPayload setUserEnabled(@Argument String id, @Argument boolean enabled, @ContextValue Viewer viewer) {
        Permissions.requireAdmin(viewer);
        if (!enabled && id.equals(viewer.userId())) {
            return new UserPayload(null, List.of(new UserError(List.of("id"), "SELF", "Admins cannot disable their own account.")));
        }
        try {
            return new UserPayload(users.setEnabled(id, enabled), List.of());
        } catch (InvalidInputException e) {
            return new UserPayload(null, UserError.of(e));
        }
    }

    @MutationMapping
    UserPayload setUserPassword(@Argument String id, @Argument String password, @ContextValue Viewer viewer) {
        Permissions.require(viewer, viewer.role() == Viewer.Role.ADMIN || id.equals(viewer.userId()),
                "Only administrators set other accounts' passwords.");
        var user = users.byId(id);
        if (user.isEmpty()) {
            return new UserPayload(null, List.of(new UserError(List.of("id"), "NOT_FOUND", "No account with id '" + id + "'.")));
        }
        var weak = weakPassword(password, user.get().username(), List.of("password"));
        if (weak != null) {
            return new UserPayload(null, List.of(weak));
        }
        users.setPassword(id, encoder.encode(password));
        return new UserPayload(user.get(), List.of());
    }

    @QueryMapping(name = "apiKeys")
    List<ApiKey> listApiKeys(@ContextValue Viewer viewer) {
        Permissions.require(viewer, viewer.role() == Viewer.Role.ADMIN || viewer.role() == Viewer.Role.PARTNER,
                "Only administrators and partners see API keys.");
        return apiKeys.list(viewer.role() == Viewer.Role.PARTNER ? viewer.agencyId() : null);
    }

    @MutationMapping
    CreateApiKeyPayload createApiKey(@Argument CreateApiKeyInput input, @ContextValue Viewer viewer) {
        Permissions.requireAdmin(viewer);
        try {
            var issued = apiKeys.create(viewer, input.name(), input.role() == null ? Viewer.Role.PARTNER : input.role(),
                    input.agencyId(), input.expiresAt());
            return new CreateApiKeyPayload(issued.key(), issued.secret(), List.of());
        } catch (InvalidInputException e) {
            return new CreateApiKeyPayload(null, null, UserError.of(e));
        }
    }

    @MutationMapping
    ApiKeyPayload revokeApiKey(@Argument String id, @ContextValue Viewer viewer) {
        Permissions.requireAdmin(viewer);
        try {
            var revoked = apiKeys.revoke(id);
            keyCache.forget(id);
            return new ApiKeyPayload(revoked, List.of());
        } catch (InvalidInputException e) {
            return new ApiKeyPayload(null, UserError.of(e));
        }
    }

    @QueryMapping
    Connection<AuditEntry> auditLog(@Argument AuditFilter filter, @Argument Integer first, @Argument String after,
                                    @ContextValue Viewer viewer, DataFetchingEnvironment env) {
        Permissions.requireAdmin(viewer);
        var f = filter == null ? AuditLog.Filter.NONE : new AuditLog.Filter(filter.actorId(), filter.action(), filter.subjectId(),
                TimeRange.from(filter.at()), TimeRange.to(filter.at()));
        return Connection.of(audit.list(f, new PageRequest(first, after, null, null), Selections.wantsTotalCount(env)));
    }

    @SchemaMapping(typeName = "ApiKey")
    boolean active(ApiKey key) {
        return key.active();
    }

    @SchemaMapping(typeName = "Viewer", field = "agency")
    Agency viewerAgency(ViewerView viewer) {
        return viewer.agencyId() == null ? null : agencies.byIds(List.of(viewer.agencyId())).stream().findFirst().orElse(null);
    }

    @BatchMapping(typeName = "User", field = "agency")
    Map<User, Agency> userAgency(List<User> list) {
        return byAgency(list, User::agencyId);
    }

    @BatchMapping(typeName = "ApiKey", field = "agency")
    Map<ApiKey, Agency> keyAgency(List<ApiKey> list) {
        return byAgency(list, ApiKey::agencyId);
    }

    private <T extends GraphNode> Map<T, Agency> byAgency(List<T> list, java.util.function.Function<T, String> agencyOf) {
        var byId = new LinkedHashMap<String, Agency>();
        agencies.byIds(list.stream().map(agencyOf).filter(a -> a != null).distinct().toList()).forEach(a -> byId.put(a.id(), a));
        var result = new LinkedHashMap<T, Agency>();
        list.forEach(item -> {
            var agency = byId.get(agencyOf.apply(item));
            if (agency != null) {
                result.put(item, agency);
            }
        });
        return result;
    }

    private static UserError weakPassword(String password, String username, List<String> field) {
        if (password == null || password.length() < MIN_PASSWORD) {
            return new UserError(field, "WEAK_PASSWORD", "A password has at least " + MIN_PASSWORD + " characters.");
        }
        if (username != null && password.toLowerCase().contains(username.toLowerCase())) {
            return new UserError(field, "WEAK_PASSWORD", "A password must not contain the username.");
        }
        return null;
    }
}
