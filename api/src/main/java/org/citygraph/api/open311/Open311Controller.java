package org.citygraph.api.open311;

import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;

import org.citygraph.api.complaint.Open311Intake;
import org.citygraph.api.security.ApiKeyAuthenticator;
import org.citygraph.api.security.Viewers;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.complaint.Complaint;
import org.citygraph.graph.complaint.ComplaintContact;
import org.citygraph.graph.complaint.ComplaintService;
import org.citygraph.graph.complaint.ComplaintStatus;
import org.citygraph.graph.complaint.Complaints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The Open311 GeoReport v2 door (https://wiki.open311.org/GeoReport_v2), so that existing Open311
 * apps can file and follow complaints: services, service requests (list, one, create), in JSON or
 * XML by the path's extension, with the specification's field names and its error list
 * ({@code [{"code": 400, "description": "..."}]}). Requests never carry the complainant's contact
 * details: what GET returns is public. {@code api_key} is optional for POST (the hub takes public
 * complaints, limited per address); when given it must be a working key of the hub.
 */
@RestController
@RequestMapping("/open311/v2")
class Open311Controller {

    private static final Logger LOG = LoggerFactory.getLogger(Open311Controller.class);
    /** The specification's advice: at most 1000 requests, from the last 90 days unless dates are given. */
    static final int MAX_REQUESTS = 1000;
    static final int DEFAULT_DAYS = 90;
    private static final MediaType XML = new MediaType("text", "xml", java.nio.charset.StandardCharsets.UTF_8);

    private final Complaints complaints;
    private final Open311Intake intake;
    private final ApiKeyAuthenticator apiKeys;
    private final ObjectMapper json = new ObjectMapper();

    Open311Controller(Complaints complaints, Open311Intake intake, ApiKeyAuthenticator apiKeys) {
        this.complaints = complaints;
        this.intake = intake;
        this.apiKeys = apiKeys;
    }

    /** A refusal in the specification's error format. */
    static final class Open311Error extends RuntimeException {
        final HttpStatus status;

        Open311Error(HttpStatus status, String description) {
            super(description);
            this.status = status;
        }
    }

    @GetMapping("/services.{format}")
    ResponseEntity<String> services(@PathVariable String format) {
        var list = Arrays.stream(ComplaintService.values()).map(s -> {
            var map = new LinkedHashMap<String, Object>();
            map.put("service_code", s.code());
            map.put("service_name", s.nameKo());
            map.put("description", s.nameEn());
            map.put("metadata", false);
            map.put("type", "realtime");
            map.put("keywords", String.join(", ", s.keywords()));
            map.put("group", s.group());
            return (Map<String, Object>) map;
        }).toList();
        return respond(format, "services", "service", list, HttpStatus.OK);
    }

    /** No service has extra attributes (metadata is false), so there is no definition to give. */
    @GetMapping("/services/{code}.{format}")
    ResponseEntity<String> definition(@PathVariable String code, @PathVariable String format) {
        checkFormat(format);
        if (ComplaintService.ofCode(code).isEmpty()) {
            return error(format, HttpStatus.NOT_FOUND, "service_code " + code + " was not found");
        }
        return error(format, HttpStatus.NOT_FOUND, "service_code " + code + " has no extra attributes (metadata is false)");
    }

    @GetMapping("/requests.{format}")
    ResponseEntity<String> requests(@PathVariable String format, @RequestParam MultiValueMap<String, String> params) {
        checkFormat(format);
        var ids = param(params, "service_request_id");
        List<Complaint> found;
        if (ids != null) {
            // The specification: with service_request_id, every other parameter is ignored.
            var list = Arrays.stream(ids.split(",")).map(String::strip).filter(s -> !s.isEmpty()).limit(MAX_REQUESTS).toList();
            var byId = new LinkedHashMap<String, Complaint>();
            complaints.byIds(list).forEach(c -> byId.put(c.id(), c));
            found = list.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        } else {
            var end = time(params, "end_date");
            var start = time(params, "start_date");
            if (start == null) {
                start = (end == null ? OffsetDateTime.now() : end).minus(DEFAULT_DAYS, ChronoUnit.DAYS);
            }
            var codes = param(params, "service_code") == null ? null
                    : Arrays.stream(param(params, "service_code").split(",")).map(String::strip).toList();
            var status = param(params, "status");
            List<ComplaintStatus> statuses = null;
            if (status != null) {
                statuses = switch (status.strip().toLowerCase()) {
                    case "open" -> List.of(ComplaintStatus.OPEN, ComplaintStatus.IN_PROGRESS);
                    case "closed" -> List.of(ComplaintStatus.CLOSED);
                    default -> throw new Open311Error(HttpStatus.BAD_REQUEST, "status must be open or closed");
                };
            }
            found = new ArrayList<>();
            String after = null;
            while (found.size() < MAX_REQUESTS) {
                var page = complaints.list(new Complaints.Filter(codes, null, statuses, start, end, null, null, null, false),
                        new PageRequest(Math.min(PageRequest.MAX_SIZE, MAX_REQUESTS - found.size()), after, null, null), false);
                found.addAll(page.nodes());
                if (!page.hasNextPage()) {
                    break;
                }
                after = page.endCursor();
            }
        }
        return respond(format, "service_requests", "request", found.stream().map(Open311Controller::request).toList(), HttpStatus.OK);
    }

    @GetMapping("/requests/{id}.{format}")
    ResponseEntity<String> request(@PathVariable String id, @PathVariable String format) {
        checkFormat(format);
        var complaint = complaints.byId(id);
        if (complaint.isEmpty()) {
            return error(format, HttpStatus.NOT_FOUND, "service_request_id " + id + " was not found");
        }
        return respond(format, "service_requests", "request", List.of(request(complaint.get())), HttpStatus.OK);
    }

    @PostMapping(value = "/requests.{format}", consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE})
    ResponseEntity<String> create(@PathVariable String format, @RequestParam MultiValueMap<String, String> params,
                                  HttpServletRequest http) {
        checkFormat(format);
        var viewer = Viewers.current();
        var key = param(params, "api_key");
        if (key != null && viewer.role() == Viewer.Role.PUBLIC) {
            viewer = apiKeys.viewerOf(key).orElseThrow(() -> new Open311Error(HttpStatus.FORBIDDEN, "api_key is not valid"));
        }
        var serviceCode = param(params, "service_code");
        if (serviceCode == null) {
            throw new Open311Error(HttpStatus.BAD_REQUEST, "service_code is required");
        }
        var latitude = number(params, "lat");
        var longitude = number(params, "long");
        var address = param(params, "address_string");
        if (address == null && param(params, "address_id") != null) {
            address = param(params, "address_id");
        }
        if (latitude == null && address == null) {
            throw new Open311Error(HttpStatus.BAD_REQUEST, "lat and long, address_string or address_id is required");
        }
        var contact = new ComplaintContact(param(params, "first_name"), param(params, "last_name"), param(params, "email"),
                param(params, "phone"), param(params, "device_id"), param(params, "account_id"));
        Complaint complaint;
        try {
            complaint = intake.submit(viewer, http.getRemoteAddr(), serviceCode, param(params, "description"), address,
                    latitude, longitude, param(params, "media_url"), contact);
        } catch (Open311Intake.TooMany e) {
            var response = error(format, HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(e.retryAfterSeconds()))
                    .contentType(response.getHeaders().getContentType()).body(response.getBody());
        } catch (InvalidInputException e) {
            var descriptions = e.errors().stream().map(f -> open311Name(f.field().get(f.field().size() - 1)) + ": " + f.message()).toList();
            return errors(format, HttpStatus.BAD_REQUEST, descriptions);
        }
        var map = new LinkedHashMap<String, Object>();
        map.put("service_request_id", complaint.id());
        map.put("service_notice", "접수되었습니다. 담당: " + (complaint.agencyName() == null ? "-" : complaint.agencyName()));
        map.put("account_id", null);
        LOG.info("Open311 request {} created ({})", complaint.id(), complaint.serviceCode());
        return respond(format, "service_requests", "request", List.of(map), HttpStatus.CREATED);
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(Open311Error.class)
    ResponseEntity<String> refused(Open311Error e, HttpServletRequest request) {
        return error(request.getRequestURI().endsWith(".xml") ? "xml" : "json", e.status, e.getMessage());
    }

    /** A request as the specification lists its fields; contact details are never among them. */
    static Map<String, Object> request(Complaint c) {
        var map = new LinkedHashMap<String, Object>();
        map.put("service_request_id", c.id());
        map.put("status", c.status().open311());
        map.put("status_notes", c.statusNotes());
        map.put("service_name", c.serviceName());
        map.put("service_code", c.serviceCode());
        map.put("description", c.description());
        map.put("agency_responsible", c.agencyName());
        map.put("service_notice", null);
        map.put("requested_datetime", text(c.requestedAt()));
        map.put("updated_datetime", text(c.updatedAt()));
        map.put("expected_datetime", text(c.expectedAt()));
        map.put("address", c.address());
        map.put("address_id", null);
        map.put("zipcode", null);
        map.put("lat", c.latitude());
        map.put("long", c.longitude());
        map.put("media_url", c.mediaUrl());
        return map;
    }

    // ------------------------------------------------------------------ formats

    private ResponseEntity<String> respond(String format, String root, String element, List<Map<String, Object>> items,
                                           HttpStatus status) {
        checkFormat(format);
        if (format.equals("json")) {
            try {
                return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(items));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return ResponseEntity.status(status).contentType(XML).body(xml(root, element, items));
    }

    private ResponseEntity<String> error(String format, HttpStatus status, String description) {
        return errors(format, status, List.of(description));
    }

    private ResponseEntity<String> errors(String format, HttpStatus status, List<String> descriptions) {
        var items = descriptions.stream().map(d -> {
            var map = new LinkedHashMap<String, Object>();
            map.put("code", status.value());
            map.put("description", d);
            return (Map<String, Object>) map;
        }).toList();
        return respond(format.equals("xml") ? "xml" : "json", "errors", "error", items, status);
    }

    /** The specification's XML: a root, one element per item, one child element per field (empty when unknown). */
    static String xml(String root, String element, List<Map<String, Object>> items) {
        try {
            var out = new StringWriter();
            var writer = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            writer.writeStartDocument("UTF-8", "1.0");
            writer.writeStartElement(root);
            for (var item : items) {
                writer.writeStartElement(element);
                for (var field : item.entrySet()) {
                    if (field.getValue() == null) {
                        writer.writeEmptyElement(field.getKey());
                    } else {
                        writer.writeStartElement(field.getKey());
                        writer.writeCharacters(String.valueOf(field.getValue()));
                        writer.writeEndElement();
                    }
                }
                writer.writeEndElement();
            }
            writer.writeEndElement();
            writer.writeEndDocument();
            writer.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkFormat(String format) {
        if (!format.equals("json") && !format.equals("xml")) {
            throw new Open311Error(HttpStatus.NOT_FOUND, "format " + format + " is not served: use .json or .xml");
        }
    }

    private static String param(MultiValueMap<String, String> params, String name) {
        var value = params.getFirst(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Double number(MultiValueMap<String, String> params, String name) {
        var value = param(params, name);
        if (value == null) {
            return null;
        }
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            throw new Open311Error(HttpStatus.BAD_REQUEST, name + " must be a decimal number");
        }
    }

    private static OffsetDateTime time(MultiValueMap<String, String> params, String name) {
        var value = param(params, name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new Open311Error(HttpStatus.BAD_REQUEST, name + " must be a W3C date-time with a time zone, e.g. 2026-11-25T09:00:00+09:00");
        }
    }

    /** The specification's parameter name for one of the hub's input fields. */
    private static String open311Name(String field) {
        return switch (field) {
            case "serviceCode" -> "service_code";
            case "latitude" -> "lat";
            case "longitude" -> "long";
            case "address" -> "address_string";
            case "mediaUrl" -> "media_url";
            case "firstName" -> "first_name";
            case "lastName" -> "last_name";
            case "deviceId" -> "device_id";
            case "accountId" -> "account_id";
            default -> field;
        };
    }

    /** W3C date-time to the second, seconds always written (toString drops ":00"). */
    private static final DateTimeFormatter W3C_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    static String text(OffsetDateTime time) {
        return time == null ? null : W3C_DATE_TIME.format(time);
    }

}
