package org.citygraph.api.indicator;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.citygraph.api.security.Viewers;
import org.citygraph.graph.audit.AuditLog;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /api/datasets/{id}/observations}: a CSV file and its mapping as {@code multipart/form-data}
 * (parts {@code file} and {@code mapping}, the JSON of {@link ImportMapping}), for staff. A plain
 * endpoint rather than a GraphQL multipart upload: Spring for GraphQL has no multipart support, and
 * here Tomcat spools the upload to disk, so a file larger than the heap streams through.
 * Answers 200 with the report when the file was imported (or had been before), 422 when it was refused.
 */
@RestController
class ObservationUploadController {

    private final ObservationImporter importer;
    private final AuditLog audit;
    private final ObjectMapper json = new ObjectMapper();

    ObservationUploadController(ObservationImporter importer, AuditLog audit) {
        this.importer = importer;
        this.audit = audit;
    }

    @PostMapping(path = "/api/datasets/{datasetId}/observations", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Object> upload(@PathVariable String datasetId, @RequestPart("file") MultipartFile file,
                                  @RequestPart("mapping") String mappingJson, HttpServletRequest request) throws IOException {
        var viewer = Viewers.current();
        if (!viewer.seesEverything()) {
            boolean anonymous = viewer.userId() == null;
            return ResponseEntity.status(anonymous ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN)
                    .body(Map.of("error", anonymous ? "UNAUTHENTICATED" : "FORBIDDEN",
                            "message", anonymous ? "Log in first." : "Only staff can import observations."));
        }
        ImportMapping mapping;
        try {
            mapping = json.readValue(mappingJson, ImportMapping.class);
        } catch (IOException e) {
            return ResponseEntity.unprocessableEntity().body(Map.of("outcome", "REFUSED", "errors", List.of(
                    new ObservationImporter.ImportError(null, "mapping", "INVALID_MAPPING", "The mapping is not valid JSON of the documented shape."))));
        }
        var temp = Files.createTempFile("citygraph-import-", ".csv");
        try {
            file.transferTo(temp);
            var report = importer.importFile(viewer, datasetId, temp, file.getOriginalFilename(), mapping,
                    ObservationImporter.Progress.NONE);
            audit.append(viewer, "importObservations", datasetId, List.of("file", "mapping"), switch (report.outcome()) {
                case COMPLETED, DUPLICATE -> "OK";
                case REFUSED -> "REFUSED";
                case FAILED -> "ERROR";
            }, request.getRemoteAddr());
            return report.outcome() == ObservationImporter.Outcome.REFUSED
                    ? ResponseEntity.unprocessableEntity().body(report) : ResponseEntity.ok(report);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
