package org.citygraph.feeds.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.citygraph.feeds.fetch.FeedFetcher;
import org.citygraph.feeds.fetch.FetchSettings;
import org.citygraph.feeds.fetch.HttpFetcher;
import org.citygraph.feeds.fetch.NetworkPolicy;
import org.citygraph.feeds.ingest.FeedIngestor;
import org.citygraph.feeds.link.LiveLinker;
import org.citygraph.feeds.normalize.EntryNormalizer;
import org.citygraph.feeds.parse.FeedParser;
import org.citygraph.feeds.poll.FeedScheduler;
import org.citygraph.feeds.support.LocalHttpServer;
import org.citygraph.graph.Graph;
import org.citygraph.graph.TestGraph;
import org.citygraph.graph.feed.Feed;
import org.citygraph.graph.feed.FeedDraft;
import org.citygraph.graph.feed.Feeds;
import org.citygraph.graph.news.NewsWrites;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;

/**
 * Ingestion throughput, outside the test suite (run by bench/feeds/run.sh):
 * <ol>
 * <li>parse only: RSS bytes to normalized items;</li>
 * <li>end to end: HTTP fetch, parse, normalize, link, write to the embedded graph, on several threads;</li>
 * <li>one scheduler cycle over 1,000 feeds served on loopback, first with new items, then all 304.</li>
 * </ol>
 * Item text is real Korean news (the linker's labeled set), so that linking does real work.
 */
public final class IngestBenchmark {

    /** Items per feed, hence per write transaction; {@code -Dbench.items=100} shows what larger transactions would save. */
    static final int ITEMS_PER_FEED = Integer.getInteger("bench.items", 20);
    /** Longest end-to-end warm-up before the measured feeds; {@code -Dbench.warmupSeconds=0} measures a cold JVM. */
    static final int WARMUP_MAX_SECONDS = Integer.getInteger("bench.warmupSeconds", 300);
    static final int WARMUP_MIN_SECONDS = Math.min(WARMUP_MAX_SECONDS, 120);
    /** Feeds polled at once end to end: the hub's default {@code citygraph.feeds.concurrency}. */
    static final int THREADS = Integer.getInteger("bench.threads", 8);
    static final int WARMUP_SLICE = 250;
    static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ENGLISH);

    public static void main(String[] args) throws Exception {
        // The JDK's HTTP server that serves the feeds leaves Nagle's algorithm on unless told: every response then
        // waits ~40 ms for the client's delayed ACK between its header and body writes, and with four connections
        // per host (HttpFetcher's politeness limit) that stall, not the hub, set the end-to-end rate.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int feedsForCycle = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int endToEndFeeds = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        // one INFO line per polled feed is right for a running hub, not for thousands of polls a second
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(FeedIngestor.class)).setLevel(ch.qos.logback.classic.Level.WARN);
        var texts = texts();
        System.out.printf("Korean news excerpts: %d; %d items per feed%n", texts.size(), ITEMS_PER_FEED);

        parseOnly(texts);

        Graph graph = TestGraph.graph();
        var feeds = new Feeds(graph);
        var linker = new LiveLinker(graph);
        linker.reload();
        var settings = new FetchSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), 10 << 20, 3, "bench");
        try (var server = new LocalHttpServer();
             var http = new HttpFetcher(settings, new NetworkPolicy(List.of(NetworkPolicy.Cidr.parse("127.0.0.1/32"))))) {
            var ingestor = new FeedIngestor(new FeedFetcher(http, List.of()), feeds, new NewsWrites(graph), linker,
                    events -> { }, FeedIngestor.Settings.DEFAULTS);
            endToEnd(server, feeds, ingestor, texts, endToEndFeeds);
            if (feedsForCycle > 0) {
                cycle(server, graph, feeds, ingestor, texts, feedsForCycle);
            }
        }
        System.exit(0);
    }

    static void parseOnly(List<String> texts) {
        var parser = new FeedParser();
        var documents = new ArrayList<byte[]>();
        for (int f = 0; f < 200; f++) {
            documents.add(rss("parse-" + f, f, texts));
        }
        var seen = OffsetDateTime.now();
        // warm-up, then three measured rounds; the median is reported
        var rates = new ArrayList<Double>();
        for (int round = 0; round < 6; round++) {
            long items = 0;
            long start = System.nanoTime();
            for (var document : documents) {
                for (var entry : parser.parse(document, "application/rss+xml", "http://bench/").entries()) {
                    if (EntryNormalizer.normalize(entry, "fed_bench", "http://bench/", "ko", seen) != null) {
                        items++;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (round >= 3) {
                rates.add(items / seconds);
            }
        }
        rates.sort(Double::compare);
        System.out.printf("parse + normalize: %,.0f items/s (median of 3 rounds of %d items; 1 thread)%n",
                rates.get(1), documents.size() * ITEMS_PER_FEED);
    }

    static void endToEnd(LocalHttpServer server, Feeds feeds, FeedIngestor ingestor, List<String> texts, int count) throws Exception {
        // The JIT needs minutes of this work before it settles (one compiler thread compiles Neo4j's Cypher runtime,
        // Lucene and Rome while the pollers keep both cores busy): warm up in slices, printing each, for at least
        // WARMUP_MIN_SECONDS and until three slices in a row gain no more than 5 % on the best before them, or
        // WARMUP_MAX_SECONDS have passed.
        int next = 0;
        double best = 0;
        int flat = 0;
        long warmStart = System.nanoTime();
        while (WARMUP_MAX_SECONDS > 0) {
            var slice = register(server, feeds, texts, next, WARMUP_SLICE);
            long sliceStart = System.nanoTime();
            double rate = run(ingestor, slice, THREADS) / ((System.nanoTime() - sliceStart) / 1e9);
            System.out.printf("  warm-up feeds %d-%d: %,.0f items/s%n", next, next + WARMUP_SLICE - 1, rate);
            next += WARMUP_SLICE;
            flat = rate <= best * 1.05 ? flat + 1 : 0;
            best = Math.max(best, rate);
            long warmedSeconds = (System.nanoTime() - warmStart) / 1_000_000_000L;
            if ((flat >= 3 && warmedSeconds >= WARMUP_MIN_SECONDS) || warmedSeconds >= WARMUP_MAX_SECONDS) {
                break;
            }
        }
        var measured = register(server, feeds, texts, next, count);
        System.out.printf("  measuring %d feeds%n", count);
        // CPU time as well as wall time: colleagues share this 2-core machine, and CPU per item moves less with their load
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        long items = run(ingestor, measured, THREADS);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMillis = (os.getProcessCpuTime() - cpuStart) / 1e6;
        System.out.printf("fetch + parse + link + write: %,.0f items/s (%,d new items from %d feeds in %.1f s; %d threads; "
                + "%.2f ms of CPU per item in this JVM)%n", items / seconds, items, count, seconds, THREADS, cpuMillis / items);
    }

    static List<Feed> register(LocalHttpServer server, Feeds feeds, List<String> texts, int from, int count) {
        var registered = new ArrayList<Feed>();
        for (int f = from; f < from + count; f++) {
            var path = "/e2e/" + f + ".rss";
            server.route(path, LocalHttpServer.ok("application/rss+xml", rss("e2e-" + f, f, texts)));
            registered.add(feeds.create(new FeedDraft(server.url(path), null, null, null, false, null)));
        }
        return registered;
    }

    static long run(FeedIngestor ingestor, List<Feed> feeds, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var created = new AtomicLong();
        var futures = new ArrayList<Future<?>>();
        for (var feed : feeds) {
            futures.add(pool.submit(() -> {
                var outcome = ingestor.poll(feed);
                if (outcome.failed()) {
                    throw new IllegalStateException(outcome.errorKind() + " " + outcome.errorMessage());
                }
                created.addAndGet(outcome.created());
            }));
        }
        for (var future : futures) {
            future.get();
        }
        pool.shutdown();
        return created.get();
    }

    static void cycle(LocalHttpServer server, Graph graph, Feeds feeds, FeedIngestor ingestor, List<String> texts, int count)
            throws Exception {
        graph.write(tx -> tx.run("MATCH (f:Feed) SET f.enabled = false").consume());
        var ids = new ArrayList<String>();
        for (int f = 0; f < count; f++) {
            var path = "/cycle/" + f + ".rss";
            server.route(path, LocalHttpServer.withEtag("application/rss+xml", rss("cycle-" + f, f, texts), "\"c" + f + "\""));
            ids.add(feeds.create(new FeedDraft(server.url(path), null, null, null, true, null)).id());
        }
        for (var label : List.of("first cycle (every feed new: 200 + items)", "second cycle (every feed 304)")) {
            var started = OffsetDateTime.now();
            graph.write(tx -> tx.run("MATCH (f:Feed) WHERE f.id IN $ids SET f.nextPollAt = datetime()",
                    java.util.Map.of("ids", ids)).consume());
            long start = System.nanoTime();
            try (var scheduler = new FeedScheduler(feeds, ingestor, new FeedScheduler.Settings(8, Duration.ofMillis(20), Duration.ofMinutes(5)))) {
                scheduler.start();
                while (polledSince(graph, ids, started) < count) {
                    Thread.sleep(50);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%,d feeds, %s: %.1f s (8 workers)%n", count, label, seconds);
        }
    }

    static long polledSince(Graph graph, List<String> ids, OffsetDateTime since) {
        return graph.read(tx -> tx.run("MATCH (f:Feed) WHERE f.id IN $ids AND f.lastFetchAt >= $since RETURN count(f) AS c",
                java.util.Map.of("ids", ids, "since", since)).single().get("c").asLong());
    }

    static byte[] rss(String key, int seed, List<String> texts) {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>")
                .append(key).append("</title><link>http://bench/").append(key).append("</link><language>ko</language>\n");
        var time = OffsetDateTime.of(2026, 11, 1, 9, 0, 0, 0, ZoneOffset.ofHours(9));
        for (int i = 0; i < ITEMS_PER_FEED; i++) {
            var text = texts.get((seed * ITEMS_PER_FEED + i) % texts.size());
            var title = text.length() > 40 ? text.substring(0, 40) : text;
            xml.append("<item><title>").append(escape(title)).append("</title><link>http://bench/").append(key).append('/').append(i)
                    .append("?utm_source=rss</link><guid>").append(key).append('-').append(i).append("</guid><pubDate>")
                    .append(RFC_1123.format(time.plusMinutes(seed * 60L + i))).append("</pubDate><description><![CDATA[<p>")
                    .append(text).append("</p>]]></description></item>\n");
        }
        return xml.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static List<String> texts() {
        var json = new ObjectMapper();
        try {
            var texts = new ArrayList<String>();
            for (var line : Files.readAllLines(Path.of("src/test/resources/linker/labeled-news.jsonl"))) {
                if (!line.isBlank()) {
                    texts.add(json.readTree(line).path("text").asText());
                }
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
