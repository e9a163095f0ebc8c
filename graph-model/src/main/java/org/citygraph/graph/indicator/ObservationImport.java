package org.citygraph.graph.indicator;

import static org.citygraph.graph.Values.string;
import static org.citygraph.graph.Values.strings;
import static org.citygraph.graph.Values.time;

import java.time.OffsetDateTime;
import java.util.List;

import org.citygraph.graph.GraphNode;
import org.neo4j.driver.Value;

/**
 * One file imported into a dataset's observations, kept so that the same file is recognized and not
 * imported twice, and so that staff can follow an import while it runs.
 *
 * @param status       WRITING while it runs, COMPLETED, or FAILED (an interrupted write: import the file again to finish it)
 * @param rowsRead     data rows in the file
 * @param rowsImported rows written so far
 * @param badRows      rows skipped because they were invalid
 * @param errors       the first invalid rows, as {@code line N: CODE: message}
 */
public record ObservationImport(String id, String datasetId, String fileName, String fileHash, String status,
                                long rowsRead, long rowsImported, long badRows, List<String> errors,
                                List<String> metricIds, OffsetDateTime startedAt, OffsetDateTime finishedAt,
                                String actorId) implements GraphNode {

    public static ObservationImport from(Value node) {
        return new ObservationImport(string(node.get("id")), string(node.get("datasetId")), string(node.get("fileName")),
                string(node.get("fileHash")), string(node.get("status")), node.get("rowsRead").asLong(0),
                node.get("rowsImported").asLong(0), node.get("badRows").asLong(0), strings(node.get("errors")),
                strings(node.get("metricIds")), time(node.get("startedAt")), time(node.get("finishedAt")),
                string(node.get("actorId")));
    }
}
