// Public ids are unique per type; lookups by id use these constraints' indexes.
CREATE CONSTRAINT district_id IF NOT EXISTS FOR (n:District) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT issue_id IF NOT EXISTS FOR (n:Issue) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT news_item_id IF NOT EXISTS FOR (n:NewsItem) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (n:Dataset) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_seq IF NOT EXISTS FOR (n:Event) REQUIRE n.seq IS UNIQUE;
CREATE CONSTRAINT sequence_name IF NOT EXISTS FOR (n:Sequence) REQUIRE n.name IS UNIQUE;

// Lookups and sort orders of lists (keyset pagination walks these indexes).
CREATE INDEX district_code IF NOT EXISTS FOR (n:District) ON (n.code);
CREATE INDEX district_name IF NOT EXISTS FOR (n:District) ON (n.name);
CREATE INDEX agency_name IF NOT EXISTS FOR (n:Agency) ON (n.name);
CREATE INDEX issue_created_at IF NOT EXISTS FOR (n:Issue) ON (n.createdAt);
CREATE INDEX issue_updated_at IF NOT EXISTS FOR (n:Issue) ON (n.updatedAt);
CREATE INDEX issue_severity_rank IF NOT EXISTS FOR (n:Issue) ON (n.severityRank);
CREATE INDEX issue_title IF NOT EXISTS FOR (n:Issue) ON (n.title);
CREATE INDEX issue_status IF NOT EXISTS FOR (n:Issue) ON (n.status);
CREATE INDEX issue_category IF NOT EXISTS FOR (n:Issue) ON (n.category);
CREATE INDEX news_published_at IF NOT EXISTS FOR (n:NewsItem) ON (n.publishedAt);
CREATE INDEX news_guid IF NOT EXISTS FOR (n:NewsItem) ON (n.guid);
CREATE INDEX news_link IF NOT EXISTS FOR (n:NewsItem) ON (n.link);
CREATE INDEX dataset_modified_at IF NOT EXISTS FOR (n:Dataset) ON (n.modifiedAt);
CREATE INDEX dataset_title IF NOT EXISTS FOR (n:Dataset) ON (n.title);
CREATE INDEX event_at IF NOT EXISTS FOR (n:Event) ON (n.at);

// One full-text index for search across types. The CJK analyzer cuts Korean into overlapping
// two-syllable pieces, so that a word is found inside a longer phrase written without spaces.
CREATE FULLTEXT INDEX search IF NOT EXISTS
FOR (n:District|Agency|Issue|NewsItem|Dataset)
ON EACH [n.name, n.nameEn, n.shortName, n.aliasText, n.title, n.summary, n.description, n.keywordText]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false}};

// The outbox's sequence counter starts at zero.
MERGE (s:Sequence {name: 'events'}) ON CREATE SET s.value = 0;

// Accounts of the built-in user store, and partners' API keys.
CREATE CONSTRAINT user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT user_username IF NOT EXISTS FOR (n:User) REQUIRE n.username IS UNIQUE;
CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (n:ApiKey) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT secret_name IF NOT EXISTS FOR (n:Secret) REQUIRE n.name IS UNIQUE;
