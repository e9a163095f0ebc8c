package org.citygraph.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The subscription benchmark's Java client: holds a share of the subscribers, each a WebSocket that
 * speaks {@code graphql-transport-ws} (connection_init, wait for connection_ack, subscribe, answer
 * pings) and parses every {@code next} message it receives. All of them share a few Netty event
 * loops, so a delivery costs this process a few microseconds instead of the node client's twenty:
 * on a machine where the clients and the hub share the cores, more of the cores go to the hub.
 * <p>
 * {@code bench.mjs} starts it and talks to it in JSON lines: it prints {@code ready} once every
 * connection is settled, then answers {@code report}, {@code cpu}, {@code count} and {@code close}
 * as the node worker does.
 * <pre>java -cp ... org.citygraph.bench.Subscribers ws://127.0.0.1:8090/graphql 5000 127.0.0.2,127.0.0.3 100</pre>
 */
public final class Subscribers {

    private static final String SUBSCRIBE = "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":"
            + "\"subscription { issueChanged { seq at issue { id summary } } }\"}}";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private final URI uri;
    private final List<String> addresses;
    private final NioEventLoopGroup loops = new NioEventLoopGroup(
            Integer.getInteger("bench.threads", Runtime.getRuntime().availableProcessors()));
    private final List<Channel> channels = new ArrayList<>();
    /** What arrived: marker (the summary), arrival time, the event's own commit time; all in epoch ms. */
    private final List<Object[]> received = new ArrayList<>();
    private final Map<String, Double> commitTimes = new ConcurrentHashMap<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger closedEarly = new AtomicInteger();
    private volatile boolean closing;

    private Subscribers(URI uri, List<String> addresses) {
        this.uri = uri;
        this.addresses = addresses;
    }

    public static void main(String[] args) throws Exception {
        var subscribers = new Subscribers(URI.create(args[0]), List.of(args[2].split(",")));
        subscribers.open(Integer.parseInt(args[1]), Integer.parseInt(args[3]));
        print(Map.of("type", "ready", "connected", subscribers.connected.get(), "failed", subscribers.failed.get()));
        subscribers.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    /** Opens {@code count} subscribers, {@code batch} at a time, each batch settled before the next. */
    private void open(int count, int batch) throws InterruptedException {
        var bootstrap = new Bootstrap().group(loops).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
        int port = uri.getPort();
        for (int first = 0; first < count; first += batch) {
            int size = Math.min(batch, count - first);
            var settled = new CountDownLatch(size);
            for (int i = first; i < first + size; i++) {
                var subscriber = new Subscriber(settled);
                var local = new InetSocketAddress(addresses.get(i % addresses.size()), 0);
                var future = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                                new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                        .webSocketUri(uri).subprotocol("graphql-transport-ws")
                                        .maxFramePayloadLength(1 << 20).build()),
                                subscriber);
                    }
                }).connect(new InetSocketAddress(uri.getHost(), port), local);
                future.addListener(f -> {
                    if (!f.isSuccess()) {
                        subscriber.settle(false);
                    }
                });
                synchronized (channels) {
                    channels.add(future.channel());
                }
            }
            if (!settled.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("subscribers did not settle within 60 s");
            }
        }
    }

    /** Answers the parent's requests, one JSON object per line, until it asks to close. */
    private void serve(BufferedReader in) throws Exception {
        String line;
        while ((line = in.readLine()) != null) {
            var type = JSON.readTree(line).path("type").asString();
            switch (type) {
                case "report" -> {
                    List<Object[]> taken;
                    synchronized (received) {
                        taken = new ArrayList<>(received);
                        received.clear();
                    }
                    var report = new LinkedHashMap<String, Object>();
                    report.put("type", "report");
                    report.put("received", taken);
                    report.put("connected", connected.get());
                    report.put("failed", failed.get());
                    report.put("closedEarly", closedEarly.get());
                    print(report);
                }
                case "cpu" -> print(Map.of("type", "cpu", "micros", ProcessHandle.current().info().totalCpuDuration()
                        .map(d -> d.toNanos() / 1000).orElse(0L)));
                case "count" -> {
                    var counts = new LinkedHashMap<String, Integer>();
                    synchronized (received) {
                        for (var entry : received) {
                            counts.merge((String) entry[0], 1, Integer::sum);
                        }
                    }
                    print(Map.of("type", "count", "counts", counts));
                }
                case "close" -> {
                    close();
                    print(Map.of("type", "closed"));
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown request: " + line);
            }
        }
    }

    private void close() throws InterruptedException {
        closing = true;
        List<Channel> all;
        synchronized (channels) {
            all = List.copyOf(channels);
        }
        for (var channel : all) {
            if (channel.isActive()) {
                channel.writeAndFlush(new CloseWebSocketFrame(1000, "done"));
            }
        }
        for (var channel : all) {
            channel.closeFuture().await(5, TimeUnit.SECONDS);
        }
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }

    private static synchronized void print(Object message) {
        OUT.println(JSON.writeValueAsString(message));
    }

    private static double now() {
        return millis(Instant.now());
    }

    private static double millis(Instant instant) {
        return instant.getEpochSecond() * 1000.0 + instant.getNano() / 1e6;
    }

    /** One subscriber: the graphql-transport-ws client side, on its connection's event loop. */
    private final class Subscriber extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final CountDownLatch settled;
        private boolean done;
        private boolean acknowledged;

        Subscriber(CountDownLatch settled) {
            this.settled = settled;
        }

        synchronized void settle(boolean ok) {
            if (!done) {
                done = true;
                acknowledged = ok;
                (ok ? connected : failed).incrementAndGet();
                settled.countDown();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
            if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                context.writeAndFlush(new TextWebSocketFrame("{\"type\":\"connection_init\"}"));
            } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                context.close();
            }
            super.userEventTriggered(context, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, TextWebSocketFrame frame) {
            double arrived = now();
            JsonNode message = JSON.readTree(ByteBufUtil.getBytes(frame.content()));
            switch (message.path("type").asString()) {
                case "next" -> {
                    var event = message.path("payload").path("data").path("issueChanged");
                    if (event.isObject()) {
                        var marker = event.path("issue").path("summary").asString();
                        var at = commitTimes.computeIfAbsent(event.path("at").asString(),
                                text -> millis(OffsetDateTime.parse(text).toInstant()));
                        synchronized (received) {
                            received.add(new Object[] {marker, arrived, at});
                        }
                    }
                }
                case "connection_ack" -> {
                    context.writeAndFlush(new TextWebSocketFrame(SUBSCRIBE));
                    settle(true);
                }
                case "ping" -> context.writeAndFlush(new TextWebSocketFrame("{\"type\":\"pong\"}"));
                default -> {
                    // pong, error, complete: nothing to do for this benchmark
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) throws Exception {
            synchronized (this) {
                if (acknowledged && !closing) {
                    closedEarly.incrementAndGet();
                }
            }
            settle(false);
            super.channelInactive(context);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }
    }
}
