// Feeds, and the keys that make polling idempotent: one news item per dedupe key.
CREATE CONSTRAINT feed_id IF NOT EXISTS FOR (n:Feed) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT feed_url IF NOT EXISTS FOR (n:Feed) REQUIRE n.url IS UNIQUE;
CREATE CONSTRAINT news_dedupe_key IF NOT EXISTS FOR (n:NewsItem) REQUIRE n.dedupeKey IS UNIQUE;
CREATE INDEX feed_next_poll IF NOT EXISTS FOR (n:Feed) ON (n.nextPollAt);
CREATE INDEX feed_title IF NOT EXISTS FOR (n:Feed) ON (n.title);
