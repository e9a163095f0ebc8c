// Indicators: metrics of datasets and their observations, one node per metric, district,
// dimension combination and local day, holding that day's values in a slot array (24 hourly slots,
// or one for daily metrics). The key property makes MERGE of an import safe and idempotent; the
// composite index serves the aggregations (metric and dimension combination by equality, districts
// by a multi-seek, the days as a range).
CREATE CONSTRAINT metric_id IF NOT EXISTS FOR (n:Metric) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT metric_code IF NOT EXISTS FOR (n:Metric) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT observation_day_key IF NOT EXISTS FOR (n:ObservationDay) REQUIRE n.key IS UNIQUE;
CREATE INDEX observation_day_series IF NOT EXISTS FOR (n:ObservationDay) ON (n.metricId, n.dimKey, n.districtId, n.day);
// Imports: one node per file imported, found again by the file's hash to refuse a second import.
CREATE CONSTRAINT observation_import_id IF NOT EXISTS FOR (n:ObservationImport) REQUIRE n.id IS UNIQUE;
CREATE INDEX observation_import_hash IF NOT EXISTS FOR (n:ObservationImport) ON (n.datasetId, n.fileHash);
