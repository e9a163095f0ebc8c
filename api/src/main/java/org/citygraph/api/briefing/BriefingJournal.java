package org.citygraph.api.briefing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import org.citygraph.graph.briefing.Briefings;
import org.citygraph.graph.briefing.Briefings.JournalEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps the chat and the slides shown of every room, with a group commit: one writer thread takes
 * what has queued up since its last transaction (up to {@code journal-batch} entries) and writes it
 * in one transaction, then hands each entry to its room in order. A message is sent to the room only
 * once it is kept, and the writes of many busy rooms cost one round trip instead of one each.
 */
@Component
class BriefingJournal implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(BriefingJournal.class);

    private record Pending(JournalEntry entry, CompletableFuture<JournalEntry> done) {
    }

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Briefings briefings;
    private final BriefingRooms rooms;
    private final int batch;
    private final Thread writer;
    private volatile boolean running = true;

    BriefingJournal(Briefings briefings, BriefingRooms rooms, BriefingProperties properties) {
        this.briefings = briefings;
        this.rooms = rooms;
        this.batch = properties.journalBatch();
        this.writer = new Thread(this::run, "briefing-journal");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Queues an entry; the future completes once it is committed and sent to the room. */
    CompletableFuture<JournalEntry> append(JournalEntry entry) {
        var pending = new Pending(entry, new CompletableFuture<>());
        queue.add(pending);
        return pending.done();
    }

    private void run() {
        var taken = new ArrayList<Pending>();
        while (running) {
            try {
                taken.add(queue.take());
                queue.drainTo(taken, batch - 1);
                write(taken);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                taken.clear();
            }
        }
    }

    private void write(List<Pending> taken) {
        try {
            briefings.append(taken.stream().map(Pending::entry).toList());
        } catch (RuntimeException e) {
            LOG.warn("Keeping {} chat messages and slide changes failed: {}", taken.size(), e.getMessage());
            taken.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        for (var pending : taken) {
            var entry = pending.entry();
            try {
                if (entry.chat() != null) {
                    rooms.chatKept(entry.chat());
                } else {
                    rooms.slideKept(entry.briefingId(), new org.citygraph.graph.briefing.Person(entry.byId(), entry.byName(), null),
                            entry.position());
                }
            } finally {
                pending.done().complete(entry);
            }
        }
    }

    @Override
    public void destroy() {
        running = false;
        writer.interrupt();
    }
}
