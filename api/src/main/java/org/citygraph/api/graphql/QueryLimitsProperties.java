package org.citygraph.api.graphql;

import org.citygraph.graph.Viewer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * How big a GraphQL request may be ({@code citygraph.graphql.limits.*}), per role: anonymous
 * visitors get the tightest limits, admins the loosest.
 *
 * @param maxDocumentChars the longest query text accepted, for every role
 */
@Validated
@ConfigurationProperties("citygraph.graphql.limits")
public record QueryLimitsProperties(
        @Min(100) @DefaultValue("20000") int maxDocumentChars,
        Limits anonymous,
        Limits partner,
        Limits staff,
        Limits admin) {

    public QueryLimitsProperties {
        anonymous = anonymous != null ? anonymous : new Limits(10, 10_000, 20);
        partner = partner != null ? partner : new Limits(12, 25_000, 30);
        staff = staff != null ? staff : new Limits(15, 100_000, 50);
        admin = admin != null ? admin : new Limits(20, 200_000, 100);
    }

    /**
     * @param maxDepth      the deepest nesting of fields
     * @param maxComplexity the largest estimated number of values: each field counts one, and a
     *                      connection multiplies what it holds by its page size
     * @param maxAliases    the most aliased fields in one document
     */
    public record Limits(@Min(1) int maxDepth, @Min(1) int maxComplexity, @Min(0) int maxAliases) {
    }

    public Limits forRole(Viewer.Role role) {
        return switch (role) {
            case PUBLIC -> anonymous;
            case PARTNER -> partner;
            case STAFF -> staff;
            case ADMIN -> admin;
        };
    }
}
