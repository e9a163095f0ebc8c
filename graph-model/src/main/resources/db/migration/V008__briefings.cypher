// Briefings: found by id, listed by scheduled start; their chat read in time order.
CREATE CONSTRAINT briefing_id IF NOT EXISTS FOR (n:Briefing) REQUIRE n.id IS UNIQUE;
CREATE INDEX briefing_scheduled_start IF NOT EXISTS FOR (n:Briefing) ON (n.scheduledStart);
CREATE INDEX briefing_status IF NOT EXISTS FOR (n:Briefing) ON (n.status);
CREATE CONSTRAINT chat_message_id IF NOT EXISTS FOR (n:ChatMessage) REQUIRE n.id IS UNIQUE;
CREATE INDEX chat_message_at IF NOT EXISTS FOR (n:ChatMessage) ON (n.at);
CREATE INDEX attendance_user IF NOT EXISTS FOR (n:Attendance) ON (n.userId);
