package org.citygraph.api.briefing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import org.citygraph.api.security.Viewers;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.briefing.BriefingStatus;
import org.citygraph.graph.briefing.Briefings;
import org.citygraph.graph.briefing.Person;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A briefing's PDF deck: uploaded by the host or presenter with {@code PUT} (the raw PDF as the body,
 * {@code Content-Type: application/pdf}), fetched by those who may see the briefing. What is not a
 * PDF, or is larger than {@code citygraph.briefings.max-deck-size}, is refused and nothing is kept.
 * The browser renders it with pdf.js; the hub never parses it.
 */
@RestController
@RequestMapping("/api/briefings/{id}/deck")
class DeckController {

    private static final Logger LOG = LoggerFactory.getLogger(DeckController.class);

    private final Briefings briefings;
    private final BriefingRooms rooms;
    private final BriefingProperties properties;

    DeckController(Briefings briefings, BriefingRooms rooms, BriefingProperties properties) {
        this.briefings = briefings;
        this.rooms = rooms;
        this.properties = properties;
    }

    @GetMapping
    ResponseEntity<byte[]> deck(@PathVariable String id) {
        return briefings.deckBytes(Viewers.current(), id)
                .map(bytes -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                        .cacheControl(CacheControl.noCache().cachePrivate())
                        .header("X-Content-Type-Options", "nosniff")
                        .header(HttpHeaders.CONTENT_DISPOSITION, "inline")
                        .body(bytes))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @PutMapping
    ResponseEntity<Map<String, Object>> upload(@PathVariable String id, HttpServletRequest request,
                                               @RequestHeader(name = "X-File-Name", required = false) String fileName)
            throws IOException {
        var viewer = Viewers.current();
        if (viewer.role() == Viewer.Role.PUBLIC) {
            return refuse(401, "UNAUTHENTICATED", "Log in first.");
        }
        var briefing = briefings.byId(viewer, id).orElse(null);
        if (briefing == null) {
            return refuse(404, "NOT_FOUND", "No briefing with id " + id + " that you may enter.");
        }
        boolean allowed = viewer.role() == Viewer.Role.ADMIN || briefing.isHost(viewer.userId())
                || viewer.userId() != null && viewer.userId().equals(briefing.presenterId());
        if (!allowed) {
            return refuse(403, "FORBIDDEN", "Only the host or the presenter uploads the deck.");
        }
        if (briefing.status() == BriefingStatus.ENDED) {
            return refuse(409, "ILLEGAL_STATUS", "The briefing has ended.");
        }
        var type = request.getContentType();
        if (type == null || !MediaType.APPLICATION_PDF.isCompatibleWith(MediaType.parseMediaType(type))) {
            return refuse(415, "UNSUPPORTED_TYPE", "Upload a PDF with Content-Type application/pdf.");
        }
        long max = properties.maxDeckSize().toBytes();
        if (request.getContentLengthLong() > max) {
            return refuse(413, "TOO_LARGE", "The deck is larger than " + properties.maxDeckSize() + ".");
        }
        var bytes = readAtMost(request.getInputStream(), max + 1);
        if (bytes.length > max) {
            return refuse(413, "TOO_LARGE", "The deck is larger than " + properties.maxDeckSize() + ".");
        }
        if (!isPdf(bytes)) {
            return refuse(415, "NOT_A_PDF", "The file is not a PDF (it must start with %PDF- and end with %%EOF).");
        }
        var name = fileName == null || fileName.isBlank() ? "deck.pdf" : fileName.strip();
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        var sha = sha256(bytes);
        var updated = briefings.setDeck(id, name, MediaType.APPLICATION_PDF_VALUE, bytes, sha);
        LOG.info("{} uploaded a deck of {} bytes to briefing {}", viewer.userId(), bytes.length, id);
        rooms.slidesChanged(updated, new Person(viewer.userId(), viewer.name(), viewer.agencyId()));
        return ResponseEntity.ok(Map.of("size", bytes.length, "sha256", sha, "url", "/api/briefings/" + id + "/deck"));
    }

    /** A PDF starts with its header and ends (give or take trailing whitespace) with the end-of-file marker. */
    static boolean isPdf(byte[] bytes) {
        if (bytes.length < 16 || !new String(bytes, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            return false;
        }
        int tail = Math.min(bytes.length, 1024);
        return new String(bytes, bytes.length - tail, tail, StandardCharsets.ISO_8859_1).contains("%%EOF");
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseEntity<Map<String, Object>> refuse(int status, String code, String message) {
        return ResponseEntity.status(status).body(Map.of("code", code, "message", message));
    }
}
