package org.citygraph.api.graphql;

import org.citygraph.graph.Viewer;

/** Role checks for mutations and admin reads; what a viewer may read is the graph model's rule. */
public final class Permissions {

    private Permissions() {
    }

    /** Staff and admins write issues, datasets and briefings. */
    public static void requireStaff(Viewer viewer) {
        require(viewer, viewer.seesEverything(), "Only staff can do this.");
    }

    public static void requireAdmin(Viewer viewer) {
        require(viewer, viewer.role() == Viewer.Role.ADMIN, "Only administrators can do this.");
    }

    public static void require(Viewer viewer, boolean allowed, String message) {
        if (!allowed) {
            boolean anonymous = viewer.role() == Viewer.Role.PUBLIC;
            throw new Forbidden(anonymous, anonymous ? "Log in first." : message);
        }
    }
}
