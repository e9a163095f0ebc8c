package org.citygraph.graph.complaint;

import java.time.OffsetDateTime;
import java.util.List;

import org.citygraph.graph.NodeType;

/**
 * A complaint as it arrives, after the API resolved its place and read its text: {@code districtId}
 * from the coordinates or the address, {@code mentions} from the linker.
 *
 * @param requestedAt when it was made; {@code null} means now (imports of older complaints set it)
 */
public record ComplaintDraft(String serviceCode, String description, String address, Double latitude, Double longitude,
                             String mediaUrl, ComplaintContact contact, String districtId, List<Mentioned> mentions,
                             OffsetDateTime requestedAt) {

    /** A district, agency or issue that the complaint's text names. */
    public record Mentioned(NodeType type, String id, String text, double confidence) {
    }
}
