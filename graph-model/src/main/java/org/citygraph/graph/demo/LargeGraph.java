package org.citygraph.graph.demo;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

import org.citygraph.graph.Graph;
import org.citygraph.graph.issue.IssueCategory;
import org.citygraph.graph.issue.IssueStatus;
import org.citygraph.graph.issue.OpenIssueCounts;
import org.citygraph.graph.issue.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a large synthetic city on top of the demo city, for benchmarks: about one agency per
 * hundred issues, a news item per five issues and a hundred datasets, with about ten relationships
 * per issue (100,000 issues make about 1,000,000 relationships). Deterministic for a seed.
 * Everything generated is marked "(가상)" and has ids starting with {@code gen-}.
 */
public final class LargeGraph {

    private static final Logger LOG = LoggerFactory.getLogger(LargeGraph.class);
    private static final int BATCH = 5_000;

    private static final List<String> DISTRICTS = List.of("ganggyeong", "yeonmu", "seongdong", "gwangseok", "noseong",
            "sangwol", "bujeok", "yeonsan", "beolgok", "yangchon", "gayagok", "eunjin", "chaeun", "chwiam", "buchang");
    private static final List<String> PARENTS = List.of("nonsan-safety", "nonsan-traffic", "nonsan-welfare",
            "nonsan-agri-center", "nonsan-environment", "nonsan-civil", "nonsan-economy", "nonsan-tourism",
            "nonsan-health-center", "nonsan-police", "nonsan-fire");
    private static final List<String> TOPICS = List.of("도로 파손", "가로등 고장", "불법 주정차", "하천 정비", "악취 민원",
            "소음 민원", "농수로 누수", "버스 정류장 개선", "경로당 보수", "어린이 통학로", "산불 감시", "폭염 쉼터",
            "상권 활성화", "전통시장 주차", "축사 환경", "침수 예방", "제설 대책", "방역 점검");

    private static final String MARKER = "MATCH (m:DemoLoad {name: 'large'}) RETURN m.issues AS issues";

    private static final String AGENCIES = """
            UNWIND $rows AS row
            MATCH (p:Agency {id: row.parentId}), (d:District {id: row.districtId})
            CREATE (a:Agency {id: row.id, name: row.name, shortName: row.name, kind: row.kind, aliases: [], aliasText: ''})
            CREATE (a)-[:PART_OF]->(p)
            CREATE (a)-[:SERVES]->(d)""";

    private static final String ISSUES = """
            UNWIND $rows AS row
            MATCH (o:Agency {id: row.ownerId})
            CREATE (i:Issue {id: row.id, title: row.title, summary: row.summary, category: row.category,
                             severity: row.severity, severityRank: row.severityRank, status: row.status,
                             visibility: row.visibility, createdAt: row.createdAt, updatedAt: row.updatedAt,
                             resolvedAt: row.resolvedAt})
            CREATE (i)-[:OWNED_BY]->(o)
            CREATE (i)-[:HAS_HISTORY]->(:StatusChange {seq: 1, to: 'OPEN', at: row.createdAt, by: '생성기'})
            CREATE (i)-[:HAS_HISTORY]->(:StatusChange {seq: 2, from: 'OPEN', to: row.status, at: row.updatedAt, by: '생성기'})
            WITH i, row
            CALL (i, row) {
              UNWIND row.districtIds AS districtId
              MATCH (d:District {id: districtId})
              CREATE (i)-[:LOCATED_IN]->(d)
            }
            CALL (i, row) {
              UNWIND row.involvedIds AS agencyId
              MATCH (a:Agency {id: agencyId})
              CREATE (i)-[:INVOLVES]->(a)
            }
            CALL (i, row) {
              UNWIND row.relatedIds AS otherId
              MATCH (o:Issue {id: otherId})
              CREATE (i)-[:RELATED_TO]->(o)
            }""";

    private static final String NEWS = """
            UNWIND $rows AS row
            CREATE (n:NewsItem {id: row.id, title: row.title, link: row.link, guid: row.id, source: '가상 뉴스',
                                language: 'ko', publishedAt: row.publishedAt, summary: row.title})
            WITH n, row
            MATCH (d:District {id: row.districtId}), (a:Agency {id: row.agencyId}), (i:Issue {id: row.issueId})
            CREATE (n)-[:MENTIONS {text: d.name, confidence: 1.0}]->(d)
            CREATE (n)-[:MENTIONS {text: a.name, confidence: 1.0}]->(a)
            CREATE (n)-[:MENTIONS {text: i.title, confidence: 0.8}]->(i)""";

    private static final String DATASETS = """
            UNWIND $rows AS row
            MATCH (p:Agency {id: row.publisherId})
            CREATE (ds:Dataset {id: row.id, title: row.title, description: row.title, themes: ['가상'], keywords: [],
                                keywordText: '가상', updateFrequency: 'DAILY', accessLevel: 'PUBLIC',
                                modifiedAt: row.modifiedAt, createdAt: row.modifiedAt})
            CREATE (ds)-[:PUBLISHED_BY]->(p)
            WITH ds, row
            CALL (ds, row) {
              UNWIND row.districtIds AS districtId
              MATCH (d:District {id: districtId})
              CREATE (ds)-[:COVERS]->(d)
            }""";

    private static final String EVIDENCE = """
            UNWIND $rows AS row
            MATCH (ds:Dataset {id: row.datasetId}), (i:Issue {id: row.issueId})
            CREATE (ds)-[:EVIDENCES]->(i)""";

    private static final String MARK = "CREATE (:DemoLoad {name: 'large', issues: $issues, loadedAt: datetime()})";

    private LargeGraph() {
    }

    /** Adds {@code issues} synthetic issues and what hangs off them, once; the demo city must be loaded. */
    public static void generateOnce(Graph graph, int issues, long seed) {
        var existing = graph.read(tx -> tx.run(MARKER).list(r -> r.get("issues").asInt()));
        if (!existing.isEmpty()) {
            LOG.info("The large graph ({} issues) was generated before; nothing to do", existing.get(0));
            return;
        }
        var started = System.nanoTime();
        var random = new Random(seed);
        int agencies = Math.max(10, issues / 100);
        var categories = IssueCategory.values();
        var severities = Severity.values();
        var start = OffsetDateTime.of(2020, 1, 1, 9, 0, 0, 0, ZoneOffset.ofHours(9));
        long spanMinutes = 5L * 365 * 24 * 60;

        write(graph, AGENCIES, agencies, n -> Map.of(
                "id", agencyId(n), "name", "가상기관 " + n + " (가상)", "kind", "CITY_DEPARTMENT",
                "parentId", "agc_" + PARENTS.get(n % PARENTS.size()),
                "districtId", "dst_" + DISTRICTS.get(n % DISTRICTS.size())), "agencies");

        write(graph, ISSUES, issues, n -> {
            var created = start.plusMinutes((long) (random.nextDouble() * spanMinutes));
            var updated = created.plusMinutes(random.nextInt(60 * 24 * 60));
            var status = pickStatus(random);
            var severity = severities[random.nextInt(severities.length)];
            var district = DISTRICTS.get(random.nextInt(DISTRICTS.size()));
            var districtIds = new ArrayList<String>(List.of("dst_" + district));
            if (random.nextBoolean()) {
                districtIds.add("dst_" + DISTRICTS.get(random.nextInt(DISTRICTS.size())));
            }
            var involved = new ArrayList<String>();
            int count = 3 + random.nextInt(2);
            for (int k = 0; k < count; k++) {
                involved.add(agencyId(random.nextInt(agencies)));
            }
            var row = new HashMap<String, Object>();
            row.put("id", issueId(n));
            row.put("title", district + " " + TOPICS.get(random.nextInt(TOPICS.size())) + " " + n + " (가상)");
            row.put("summary", "벤치마크용으로 생성한 가상 이슈입니다.");
            row.put("category", categories[random.nextInt(categories.length)].name());
            row.put("severity", severity.name());
            row.put("severityRank", severity.rank());
            row.put("status", status.name());
            row.put("visibility", random.nextInt(100) < 85 ? "PUBLIC" : "INTERNAL");
            row.put("createdAt", created);
            row.put("updatedAt", updated);
            row.put("resolvedAt", status == IssueStatus.RESOLVED || status == IssueStatus.CLOSED ? updated : null);
            row.put("ownerId", agencyId(random.nextInt(agencies)));
            row.put("districtIds", districtIds.stream().distinct().toList());
            row.put("involvedIds", involved.stream().distinct().toList());
            row.put("relatedIds", n > 0 && random.nextBoolean() ? List.of(issueId(random.nextInt(n))) : List.of());
            return row;
        }, "issues");

        write(graph, NEWS, issues / 5, n -> Map.of(
                "id", "nws_gen-" + n, "title", "가상 뉴스 " + n + " (가상)", "link", "https://news.example.kr/gen/" + n,
                "publishedAt", start.plusMinutes((long) (random.nextDouble() * spanMinutes)),
                "districtId", "dst_" + DISTRICTS.get(random.nextInt(DISTRICTS.size())),
                "agencyId", agencyId(random.nextInt(agencies)), "issueId", issueId(random.nextInt(issues))), "news items");

        int datasets = 100;
        write(graph, DATASETS, datasets, n -> Map.of(
                "id", "dts_gen-" + n, "title", "가상 데이터셋 " + n + " (가상)", "publisherId", agencyId(n % agencies),
                "modifiedAt", start.plusDays(n), "districtIds", List.of("dst_" + DISTRICTS.get(n % DISTRICTS.size()),
                        "dst_" + DISTRICTS.get((n + 7) % DISTRICTS.size()))), "datasets");
        write(graph, EVIDENCE, issues, n -> Map.of("datasetId", "dts_gen-" + (n % datasets),
                "issueId", issueId(random.nextInt(issues))), "evidence links");

        graph.write(tx -> {
            OpenIssueCounts.refreshAll(tx);
            return tx.run(MARK, Map.of("issues", issues)).consume();
        });
        long relationships = graph.read(tx -> tx.run("MATCH ()-[r]->() RETURN count(r) AS n").single().get("n").asLong());
        LOG.info("Generated the large graph in {} s: {} issues, {} agencies, {} relationships in the graph",
                (System.nanoTime() - started) / 1_000_000_000, issues, agencies, relationships);
    }

    public static String agencyId(int n) {
        return "agc_gen-" + n;
    }

    public static String issueId(int n) {
        return "iss_gen-" + n;
    }

    private static IssueStatus pickStatus(Random random) {
        int r = random.nextInt(100);
        return r < 25 ? IssueStatus.OPEN : r < 45 ? IssueStatus.MONITORING : r < 65 ? IssueStatus.RESOLVED
                : r < 95 ? IssueStatus.CLOSED : IssueStatus.REOPENED;
    }

    private static void write(Graph graph, String cypher, int total, IntFunction<Map<String, Object>> row, String what) {
        for (int from = 0; from < total; from += BATCH) {
            var rows = new ArrayList<Map<String, Object>>(BATCH);
            for (int n = from; n < Math.min(total, from + BATCH); n++) {
                rows.add(row.apply(n));
            }
            graph.write(tx -> tx.run(cypher, Map.of("rows", rows)).consume());
            LOG.info("Generated {} of {} {}", Math.min(total, from + BATCH), total, what);
        }
    }
}
