package org.citygraph.api.complaint;

import org.citygraph.graph.complaint.ComplaintContact;

/** A complaint as a citizen or an Open311 client sends it, before the hub resolves its place. */
record Submission(String serviceCode, String description, String address, Double latitude, Double longitude,
                  String mediaUrl, ComplaintContact contact) {
}
