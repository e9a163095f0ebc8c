package org.citygraph.graph.complaint;

import static org.citygraph.graph.Values.decimal;
import static org.citygraph.graph.Values.enumValue;
import static org.citygraph.graph.Values.string;
import static org.citygraph.graph.Values.time;

import java.time.OffsetDateTime;

import org.citygraph.graph.GraphNode;
import org.citygraph.graph.issue.IssueCategory;
import org.neo4j.driver.Record;

/**
 * A citizen's complaint (민원), with the fields of an Open311 GeoReport v2 service request. Never
 * holds the complainant's contact details (see {@link ComplaintContact}).
 *
 * @param districtId   where it is, resolved from the coordinates or the address
 * @param agencyId     the agency responsible
 * @param issueId      the issue that gathers it, if any
 * @param duplicateOfId when staff merged it: the complaint it duplicates
 */
public record Complaint(String id, String serviceCode, String serviceName, IssueCategory category, String description,
                        ComplaintStatus status, String statusNotes, OffsetDateTime requestedAt, OffsetDateTime updatedAt,
                        OffsetDateTime expectedAt, String address, Double latitude, Double longitude, String mediaUrl,
                        String districtId, String agencyId, String agencyName, String issueId, String duplicateOfId)
        implements GraphNode {

    /** The columns {@link Complaints#RETURN} produces. */
    static Complaint from(Record row) {
        var c = row.get("c");
        return new Complaint(string(c.get("id")), string(c.get("serviceCode")), string(c.get("serviceName")),
                enumValue(IssueCategory.class, c.get("category")), string(c.get("description")),
                enumValue(ComplaintStatus.class, c.get("status")), string(c.get("statusNotes")),
                time(c.get("requestedAt")), time(c.get("updatedAt")), time(c.get("expectedAt")), string(c.get("address")),
                decimal(c.get("latitude")), decimal(c.get("longitude")), string(c.get("mediaUrl")),
                string(row.get("districtId")), string(row.get("agencyId")), string(row.get("agencyName")),
                string(row.get("issueId")), string(row.get("duplicateOfId")));
    }
}
