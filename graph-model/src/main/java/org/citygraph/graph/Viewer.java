package org.citygraph.graph;

import java.util.HashMap;
import java.util.Map;

/**
 * Who is asking. Every read method of the graph model takes a viewer and applies its visibility
 * rule in Cypher ({@link ViewerRules}), so that no path (list, nested field, node, search, event) can
 * forget it.
 *
 * @param userId   the public id of the user, or {@code null} for anonymous callers
 * @param name     a display name for history entries and audit, never a secret
 * @param role     what the viewer may see and do
 * @param agencyId for partners, and staff who work for one agency: the public id of that agency
 */
public record Viewer(String userId, String name, Role role, String agencyId) {

    public static final Viewer ANONYMOUS = new Viewer(null, "anonymous", Role.PUBLIC, null);
    /** The system itself: demo loader, feed poller, migrations. */
    public static final Viewer SYSTEM = new Viewer("system", "system", Role.ADMIN, null);

    public enum Role { PUBLIC, PARTNER, STAFF, ADMIN }

    /** Staff and admins see internal issues and restricted datasets. */
    public boolean seesEverything() {
        return role == Role.STAFF || role == Role.ADMIN;
    }

    /** The {@code $viewer} parameter that the visibility predicates read. */
    public Map<String, Object> asParameter() {
        var map = new HashMap<String, Object>();
        map.put("all", seesEverything());
        map.put("agencyId", role == Role.PARTNER ? agencyId : null);
        // Complainants' contact details: admins, and staff of the agency responsible (ViewerRules.COMPLAINT_CONTACT).
        map.put("admin", role == Role.ADMIN);
        map.put("staffAgencyId", role == Role.STAFF ? agencyId : null);
        return map;
    }
}
