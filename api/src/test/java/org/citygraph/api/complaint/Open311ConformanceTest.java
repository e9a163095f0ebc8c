package org.citygraph.api.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.citygraph.graph.Viewer;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Open311 GeoReport v2 door against the specification's examples: the request parameters of
 * "POST Service Request", the fields of "GET Service Requests", the services list, the error list,
 * JSON and XML (https://wiki.open311.org/GeoReport_v2).
 */
class Open311ConformanceTest extends ComplaintTestSupport {

    /** The fields of a service request, in the specification's order. */
    static final List<String> REQUEST_FIELDS = List.of("service_request_id", "status", "status_notes", "service_name",
            "service_code", "description", "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
            "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url");

    static Document xml(String body) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> childNames(Element element) {
        var names = new ArrayList<String>();
        for (var node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child) {
                names.add(child.getTagName());
            }
        }
        return names;
    }

    @Test
    void servicesAreListedWithTheSpecificationsFieldsInJsonAndXml() throws Exception {
        var json = get("/open311/v2/services.json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        var services = read(json.body());
        assertThat(services.isArray()).isTrue();
        var road = services.findParents("service_code").stream().filter(s -> s.path("service_code").asText().equals("ROAD_DAMAGE")).findFirst().orElseThrow();
        assertThat(iterator(road)).containsExactly("service_code", "service_name", "description", "metadata", "type", "keywords", "group");
        assertThat(road.path("service_name").asText()).isEqualTo("도로 파손");
        assertThat(road.path("metadata").asBoolean(true)).isFalse();
        assertThat(road.path("type").asText()).isEqualTo("realtime");

        var xml = get("/open311/v2/services.xml");
        assertThat(xml.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        assertThat(xml.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        var document = xml(xml.body());
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("services");
        var first = (Element) document.getElementsByTagName("service").item(0);
        assertThat(childNames(first)).containsExactly("service_code", "service_name", "description", "metadata", "type", "keywords", "group");
        assertThat(document.getElementsByTagName("service").getLength()).isEqualTo(services.size());
    }

    @Test
    void theSpecificationsExamplePostCreatesARequestThatGetReturns() throws Exception {
        // the example request of "POST Service Request", with this city's service code and place
        var created = postForm("/open311/v2/requests.json", form(
                "service_code", "ILLEGAL_DUMPING", "lat", "36.2455", "long", "127.0642",
                "address_string", "광석면 이사리 1234", "email", "smit222@sfgov.edu", "device_id", "tt222111",
                "account_id", "123456", "first_name", "john", "last_name", "smith", "phone", "111111111",
                "description", "A large sofa has been left in the middle of the sidewalk.",
                "media_url", "http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg"));
        assertThat(created.statusCode()).isEqualTo(201);
        var answer = read(created.body());
        assertThat(answer.isArray()).isTrue();
        assertThat(iterator(answer.path(0))).containsExactly("service_request_id", "service_notice", "account_id");
        var id = answer.path(0).path("service_request_id").asText();
        assertThat(id).startsWith("cmp_");

        var one = read(get("/open311/v2/requests/" + id + ".json").body());
        assertThat(one.size()).isEqualTo(1);
        var request = one.path(0);
        assertThat(iterator(request)).containsExactlyElementsOf(REQUEST_FIELDS);
        assertThat(request.path("status").asText()).isEqualTo("open");
        assertThat(request.path("service_code").asText()).isEqualTo("ILLEGAL_DUMPING");
        assertThat(request.path("service_name").asText()).isEqualTo("쓰레기 무단투기");
        assertThat(request.path("agency_responsible").asText()).isEqualTo("논산시 환경과");
        assertThat(request.path("address").asText()).isEqualTo("광석면 이사리 1234");
        assertThat(request.path("lat").asDouble()).isEqualTo(36.2455);
        assertThat(request.path("long").asDouble()).isEqualTo(127.0642);
        assertThat(request.path("media_url").asText()).isEqualTo("http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg");
        // W3C date-time with a time zone
        assertThat(request.path("requested_datetime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");

        var xml = xml(get("/open311/v2/requests/" + id + ".xml").body());
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("service_requests");
        var element = (Element) xml.getElementsByTagName("request").item(0);
        assertThat(childNames(element)).containsExactlyElementsOf(REQUEST_FIELDS);
        assertThat(element.getElementsByTagName("service_request_id").item(0).getTextContent()).isEqualTo(id);

        // the XML door takes the same form and answers in the specification's XML
        var xmlCreated = postForm("/open311/v2/requests.xml", Map.of("service_code", "STREETLIGHT",
                "address_string", "광석면 행정복지센터 앞", "description", "가로등이 깜빡입니다"));
        assertThat(xmlCreated.statusCode()).isEqualTo(201);
        var created2 = xml(xmlCreated.body());
        assertThat(created2.getDocumentElement().getTagName()).isEqualTo("service_requests");
        assertThat(childNames((Element) created2.getElementsByTagName("request").item(0)))
                .containsExactly("service_request_id", "service_notice", "account_id");
    }

    @Test
    void requestsAreFilteredByIdsServiceStatusAndDates() {
        var a = read(postForm("/open311/v2/requests.json", Map.of("service_code", "WELFARE", "address_string", "노성면",
                "description", "혼자 사시는 어르신 안부 확인 부탁드립니다")).body()).path(0).path("service_request_id").asText();
        var b = read(postForm("/open311/v2/requests.json", Map.of("service_code", "WELFARE", "address_string", "상월면",
                "description", "복지 상담을 받고 싶습니다")).body()).path(0).path("service_request_id").asText();
        as(Viewer.Role.STAFF).document("mutation($i: ReplyToComplaintInput!) { replyToComplaint(input: $i) { errors { code } } }")
                .variable("i", Map.of("id", b, "status", "CLOSED", "notes", "상담을 마쳤습니다.")).execute()
                .path("replyToComplaint.errors").entityList(Object.class).hasSize(0);

        var byIds = read(get("/open311/v2/requests.json?service_request_id=" + b + "," + a + ",cmp_unknown").body());
        assertThat(byIds.findValuesAsText("service_request_id")).containsExactly(b, a);
        var closed = read(get("/open311/v2/requests.json?service_code=WELFARE&status=closed").body());
        assertThat(closed.findValuesAsText("service_request_id")).contains(b).doesNotContain(a);
        assertThat(closed.findValuesAsText("status")).containsOnly("closed");
        var open = read(get("/open311/v2/requests.json?service_code=WELFARE&status=open").body());
        assertThat(open.findValuesAsText("service_request_id")).contains(a).doesNotContain(b);
        var future = read(get("/open311/v2/requests.json?start_date=2099-01-01T00:00:00Z").body());
        assertThat(future.size()).isZero();
        var past = read(get("/open311/v2/requests.json?end_date=2001-01-01T00:00:00%2B09:00").body());
        assertThat(past.size()).isZero();
    }

    @Test
    void errorsComeAsTheSpecificationsListWithTheHttpStatus() throws Exception {
        var missing = postForm("/open311/v2/requests.json", Map.of("lat", "36.2", "long", "127.1", "description", "x"));
        assertThat(missing.statusCode()).isEqualTo(400);
        var error = read(missing.body());
        assertThat(error.isArray()).isTrue();
        assertThat(iterator(error.path(0))).containsExactly("code", "description");
        assertThat(error.path(0).path("code").asInt()).isEqualTo(400);
        assertThat(error.path(0).path("description").asText()).contains("service_code");

        var noPlace = postForm("/open311/v2/requests.json", Map.of("service_code", "NOISE_ODOR", "description", "소음"));
        assertThat(noPlace.statusCode()).isEqualTo(400);

        var unknown = postForm("/open311/v2/requests.xml", Map.of("service_code", "PARKS", "lat", "36.2", "long", "127.1",
                "description", "x"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        var xml = xml(unknown.body());
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("errors");
        assertThat(xml.getElementsByTagName("code").item(0).getTextContent()).isEqualTo("400");
        assertThat(xml.getElementsByTagName("description").item(0).getTextContent()).contains("service_code");

        var badKey = postForm("/open311/v2/requests.json", Map.of("api_key", "cgk_not-a-key", "service_code", "OTHER",
                "address_string", "논산시청", "description", "x"));
        assertThat(badKey.statusCode()).isEqualTo(403);
        assertThat(read(badKey.body()).path(0).path("code").asInt()).isEqualTo(403);

        var notFound = get("/open311/v2/requests/cmp_nothere000000000.json");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(read(notFound.body()).path(0).path("code").asInt()).isEqualTo(404);

        var badDate = get("/open311/v2/requests.json?start_date=yesterday");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(read(badDate.body()).path(0).path("description").asText()).contains("start_date");
    }

    static Map<String, String> form(String... pairs) {
        var map = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static List<String> iterator(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
