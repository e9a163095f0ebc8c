// Complaints (민원) and public comments: found by id, listed newest first, counted by time and category,
// and searched for nearby duplicates by location.
CREATE CONSTRAINT complaint_id IF NOT EXISTS FOR (n:Complaint) REQUIRE n.id IS UNIQUE;
CREATE INDEX complaint_requested_at IF NOT EXISTS FOR (n:Complaint) ON (n.requestedAt);
CREATE INDEX complaint_category_requested_at IF NOT EXISTS FOR (n:Complaint) ON (n.category, n.requestedAt);
CREATE POINT INDEX complaint_location IF NOT EXISTS FOR (n:Complaint) ON (n.location);
CREATE CONSTRAINT comment_id IF NOT EXISTS FOR (n:Comment) REQUIRE n.id IS UNIQUE;
CREATE INDEX comment_created_at IF NOT EXISTS FOR (n:Comment) ON (n.createdAt);
