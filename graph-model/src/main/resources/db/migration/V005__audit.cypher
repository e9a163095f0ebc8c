// The audit log: read newest first, by actor or by subject.
CREATE CONSTRAINT audit_id IF NOT EXISTS FOR (n:AuditEntry) REQUIRE n.id IS UNIQUE;
CREATE INDEX audit_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at);
CREATE INDEX audit_actor IF NOT EXISTS FOR (n:AuditEntry) ON (n.actorId);
CREATE INDEX audit_subject IF NOT EXISTS FOR (n:AuditEntry) ON (n.subjectId);
