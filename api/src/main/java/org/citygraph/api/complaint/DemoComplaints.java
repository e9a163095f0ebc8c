package org.citygraph.api.complaint;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;

import org.citygraph.graph.Graph;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.complaint.ComplaintContact;
import org.citygraph.graph.complaint.ComplaintDraft;
import org.citygraph.graph.complaint.Complaints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Demo complaints, made relative to the time the hub first starts on an empty graph: four weeks of
 * ordinary complaints across the city and a surge of flooding complaints in Ganggyeong today, so that
 * the overview shows counters and a rising signal from the first start. Their contact details are
 * invented.
 */
@Component
@ConditionalOnProperty(name = "citygraph.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoComplaints {

    private static final Logger LOG = LoggerFactory.getLogger(DemoComplaints.class);

    private record Place(String districtId, double latitude, double longitude, String address) {
    }

    private record Kind(String serviceCode, String description) {
    }

    private static final List<Place> PLACES = List.of(
            new Place("dst_ganggyeong", 36.1563, 127.0128, "강경읍 중앙리"),
            new Place("dst_yeonmu", 36.1288, 127.0998, "연무읍 안심리"),
            new Place("dst_chwiam", 36.2061, 127.0928, "취암동 시민로"),
            new Place("dst_buchang", 36.1893, 127.1085, "부창동 대건로"),
            new Place("dst_bujeok", 36.2198, 127.1356, "부적면 신교리"),
            new Place("dst_gayagok", 36.1692, 127.1573, "가야곡면 육곡리"));

    private static final List<Kind> KINDS = List.of(
            new Kind("ROAD_DAMAGE", "도로에 움푹 파인 곳이 있어 차량 통행이 위험합니다."),
            new Kind("ILLEGAL_PARKING", "버스정류장 앞 불법 주정차로 버스가 서지 못합니다."),
            new Kind("STREETLIGHT", "골목 가로등이 며칠째 꺼져 있어 밤길이 어둡습니다."),
            new Kind("ILLEGAL_DUMPING", "공터에 생활 쓰레기가 무단으로 버려져 있습니다."),
            new Kind("NOISE_ODOR", "야간에 공사 소음이 심해 잠을 잘 수 없습니다."));

    private final Complaints complaints;
    private final Graph graph;
    private final ComplaintProperties properties;

    DemoComplaints(Complaints complaints, Graph graph, ComplaintProperties properties) {
        this.complaints = complaints;
        this.graph = graph;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadOnce() {
        boolean empty = graph.read(tx -> !tx.run("MATCH (c:Complaint) RETURN c LIMIT 1").hasNext());
        boolean city = graph.read(tx -> tx.run("MATCH (d:District {id: 'dst_ganggyeong'}) RETURN d").hasNext());
        if (!empty || !city) {
            return;
        }
        var random = new Random(311);
        var now = OffsetDateTime.now();
        int made = 0;
        for (int i = 0; i < 60; i++) {
            var place = PLACES.get(random.nextInt(PLACES.size()));
            var kind = KINDS.get(random.nextInt(KINDS.size()));
            var at = now.minusHours(2 + random.nextInt(28 * 24));
            file(place, kind.serviceCode(), kind.description(), at, random, i);
            made++;
        }
        var ganggyeong = PLACES.get(0);
        for (int i = 0; i < 6; i++) {
            file(ganggyeong, "FLOODING", "강경읍 " + (i + 1) + "번 배수로가 막혀 골목에 물이 찼습니다. 비가 더 오면 집 안까지 들어올 것 같습니다.",
                    now.minusMinutes(20L + 35L * i), random, 100 + i);
            made++;
        }
        LOG.info("Loaded {} demo complaints (four weeks, and a surge of flooding in Ganggyeong today)", made);
    }

    private void file(Place place, String serviceCode, String description, OffsetDateTime at, Random random, int n) {
        double lat = place.latitude() + (random.nextDouble() - 0.5) * 0.01;
        double lon = place.longitude() + (random.nextDouble() - 0.5) * 0.01;
        var contact = new ComplaintContact("시민" + n, "데모", "demo-citizen-" + n + "@example.kr", null, null, null);
        complaints.create(Viewer.SYSTEM, new ComplaintDraft(serviceCode, description, place.address(), lat, lon, null, contact,
                place.districtId(), List.of(), at), properties.duplicateMeters(), properties.duplicateWindow());
    }
}
