package org.citygraph.graph.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.citygraph.graph.Graph;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.issue.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Loads the demo city (Nonsan-si: districts, agencies, issues, datasets, news) from
 * {@code demo/nonsan.json}, in one transaction, into an empty graph, once. The keys of the file
 * become public ids with their type's prefix ({@code ganggyeong} is {@code dst_ganggyeong}).
 */
public final class DemoCity {

    public static final String RESOURCE = "/demo/nonsan.json";

    private static final Logger LOG = LoggerFactory.getLogger(DemoCity.class);

    private static final String IS_EMPTY = """
            OPTIONAL MATCH (marker:DemoLoad)
            OPTIONAL MATCH (d:District)
            WITH marker, d LIMIT 1
            RETURN marker IS NULL AND d IS NULL AS empty""";

    private static final String DISTRICTS = """
            UNWIND $rows AS row
            CREATE (:District {id: row.id, code: row.code, name: row.nameKo, nameEn: row.nameEn, level: row.level,
                               latitude: row.lat, longitude: row.lon, population: row.population})
            WITH row WHERE row.parentId IS NOT NULL
            MATCH (c:District {id: row.id}), (p:District {id: row.parentId})
            CREATE (c)-[:PART_OF]->(p)""";

    private static final String AGENCIES = """
            UNWIND $rows AS row
            CREATE (:Agency {id: row.id, name: row.name, shortName: row.shortName, nameEn: row.nameEn,
                             aliases: row.aliases, aliasText: reduce(s = '', a IN row.aliases | s + ' ' + a),
                             kind: row.kind, homepage: row.homepage})""";

    private static final String AGENCY_LINKS = """
            UNWIND $rows AS row
            MATCH (a:Agency {id: row.id})
            CALL (a, row) {
              WITH a, row WHERE row.parentId IS NOT NULL
              MATCH (p:Agency {id: row.parentId})
              CREATE (a)-[:PART_OF]->(p)
            }
            CALL (a, row) {
              UNWIND row.serves AS districtId
              MATCH (d:District {id: districtId})
              CREATE (a)-[:SERVES]->(d)
            }""";

    private static final String ISSUES = """
            UNWIND $rows AS row
            MATCH (o:Agency {id: row.ownerId})
            CREATE (i:Issue {id: row.id, title: row.title, summary: row.summary, category: row.category,
                             severity: row.severity, severityRank: row.severityRank, status: row.status,
                             visibility: row.visibility, createdAt: datetime(row.createdAt),
                             updatedAt: datetime(row.updatedAt),
                             resolvedAt: CASE WHEN row.resolvedAt IS NULL THEN null ELSE datetime(row.resolvedAt) END})
            CREATE (i)-[:OWNED_BY]->(o)
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
              UNWIND range(0, size(row.history) - 1) AS n
              WITH i, n, row.history[n] AS h
              CREATE (i)-[:HAS_HISTORY]->(:StatusChange {seq: n + 1, from: h.from, to: h.to, at: datetime(h.at),
                                                          by: h.by, note: h.note})
            }""";

    private static final String RELATED_ISSUES = """
            UNWIND $rows AS row
            UNWIND row.relatedIds AS otherId
            MATCH (i:Issue {id: row.id}), (o:Issue {id: otherId})
            WHERE NOT EXISTS { MATCH (i)-[:RELATED_TO]-(o) }
            CREATE (i)-[:RELATED_TO]->(o)""";

    private static final String DATASETS = """
            UNWIND $rows AS row
            MATCH (p:Agency {id: row.publisherId})
            CREATE (ds:Dataset {id: row.id, title: row.title, description: row.description, themes: row.themes,
                                keywords: row.keywords,
                                keywordText: reduce(s = '', k IN row.themes + row.keywords | s + ' ' + k),
                                temporalStart: CASE WHEN row.temporalStart IS NULL THEN null ELSE date(row.temporalStart) END,
                                temporalEnd: CASE WHEN row.temporalEnd IS NULL THEN null ELSE date(row.temporalEnd) END,
                                updateFrequency: row.updateFrequency, license: row.license,
                                distributionUrl: row.distributionUrl, mediaType: row.mediaType,
                                modifiedAt: datetime(row.modifiedAt), accessLevel: row.accessLevel,
                                createdAt: datetime(row.modifiedAt)})
            CREATE (ds)-[:PUBLISHED_BY]->(p)
            WITH ds, row
            CALL (ds, row) {
              UNWIND row.districtIds AS districtId
              MATCH (d:District {id: districtId})
              CREATE (ds)-[:COVERS]->(d)
            }
            CALL (ds, row) {
              UNWIND row.issueIds AS issueId
              MATCH (i:Issue {id: issueId})
              CREATE (ds)-[:EVIDENCES]->(i)
            }""";

    private static final String NEWS = """
            UNWIND $rows AS row
            CREATE (n:NewsItem {id: row.id, title: row.title, link: row.link, guid: row.guid, source: row.source,
                                language: row.language, publishedAt: datetime(row.publishedAt), summary: row.summary})
            WITH n, row
            UNWIND row.mentions AS m
            MATCH (t {id: m.id})
            WHERE t:District OR t:Agency OR t:Issue
            CREATE (n)-[:MENTIONS {text: m.text, confidence: m.confidence}]->(t)""";

    private static final String MARK = """
            CREATE (:DemoLoad {name: 'nonsan', loadedAt: datetime()})""";

    private DemoCity() {
    }

    /** Loads the demo city when the graph has no districts and no demo was ever loaded; returns whether it did. */
    public static boolean loadIfEmpty(Graph graph) {
        boolean empty = graph.read(tx -> tx.run(IS_EMPTY).single().get("empty").asBoolean());
        if (!empty) {
            LOG.info("The graph already holds data: the demo city is not loaded");
            return false;
        }
        var started = System.nanoTime();
        var data = read();
        var districts = rows(data, "districts", NodeType.DISTRICT, row -> {
            row.put("parentId", idOrNull(NodeType.DISTRICT, row.get("parent")));
        });
        var agencies = rows(data, "agencies", NodeType.AGENCY, row -> {
            row.put("parentId", idOrNull(NodeType.AGENCY, row.get("parent")));
            row.put("serves", ids(NodeType.DISTRICT, row.get("serves")));
            row.putIfAbsent("aliases", List.of());
        });
        var issues = rows(data, "issues", NodeType.ISSUE, row -> {
            row.put("ownerId", idOrNull(NodeType.AGENCY, row.get("owner")));
            row.put("districtIds", ids(NodeType.DISTRICT, row.get("districts")));
            row.put("involvedIds", ids(NodeType.AGENCY, row.get("involves")));
            row.put("relatedIds", ids(NodeType.ISSUE, row.get("related")));
            row.put("severityRank", Severity.valueOf((String) row.get("severity")).rank());
        });
        var datasets = rows(data, "datasets", NodeType.DATASET, row -> {
            row.put("publisherId", idOrNull(NodeType.AGENCY, row.get("publisher")));
            row.put("districtIds", ids(NodeType.DISTRICT, row.get("districts")));
            row.put("issueIds", ids(NodeType.ISSUE, row.get("evidences")));
            row.putIfAbsent("themes", List.of());
            row.putIfAbsent("keywords", List.of());
        });
        var news = rows(data, "news", NodeType.NEWS_ITEM, row -> {
            var mentions = new ArrayList<Map<String, Object>>();
            for (var mention : list(row.get("mentions"))) {
                var type = switch ((String) mention.get("type")) {
                    case "DISTRICT" -> NodeType.DISTRICT;
                    case "AGENCY" -> NodeType.AGENCY;
                    default -> NodeType.ISSUE;
                };
                mentions.add(Map.of("id", type.idFor((String) mention.get("key")), "text", mention.get("text"),
                        "confidence", mention.get("confidence")));
            }
            row.put("mentions", mentions);
        });
        graph.write(tx -> {
            tx.run(DISTRICTS, Map.of("rows", districts)).consume();
            tx.run(AGENCIES, Map.of("rows", agencies)).consume();
            tx.run(AGENCY_LINKS, Map.of("rows", agencies)).consume();
            tx.run(ISSUES, Map.of("rows", issues)).consume();
            tx.run(RELATED_ISSUES, Map.of("rows", issues)).consume();
            tx.run(DATASETS, Map.of("rows", datasets)).consume();
            tx.run(NEWS, Map.of("rows", news)).consume();
            org.citygraph.graph.issue.OpenIssueCounts.refreshAll(tx);
            return tx.run(MARK).consume();
        });
        LOG.info("Loaded the demo city of Nonsan in {} ms: {} districts, {} agencies, {} issues, {} datasets, {} news items",
                (System.nanoTime() - started) / 1_000_000, districts.size(), agencies.size(), issues.size(),
                datasets.size(), news.size());
        return true;
    }

    /** The parsed demo file, for tests and tools that want the same facts. */
    public static Map<String, Object> read() {
        try (InputStream in = DemoCity.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The demo data " + RESOURCE + " is missing from the classpath");
            }
            return new ObjectMapper().readValue(in, new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the demo data", e);
        }
    }

    private static List<Map<String, Object>> rows(Map<String, Object> data, String section, NodeType type,
                                                  java.util.function.Consumer<Map<String, Object>> adapt) {
        var rows = new ArrayList<Map<String, Object>>();
        for (var source : list(data.get(section))) {
            var row = new HashMap<String, Object>(source);
            row.put("id", type.idFor((String) source.get("key")));
            adapt.accept(row);
            rows.add(row);
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    private static String idOrNull(NodeType type, Object key) {
        return key == null ? null : type.idFor((String) key);
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(NodeType type, Object keys) {
        return keys == null ? List.of() : ((List<String>) keys).stream().map(type::idFor).toList();
    }
}
