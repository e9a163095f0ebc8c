// Webhooks of partner systems: found by id, claimed by the time of their next attempt.
CREATE CONSTRAINT webhook_id IF NOT EXISTS FOR (n:Webhook) REQUIRE n.id IS UNIQUE;
CREATE INDEX webhook_next_attempt IF NOT EXISTS FOR (n:Webhook) ON (n.nextAttemptAt);
CREATE INDEX webhook_created_at IF NOT EXISTS FOR (n:Webhook) ON (n.createdAt);
