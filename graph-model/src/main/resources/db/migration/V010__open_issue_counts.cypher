// Open issues per district, kept on the district (OpenIssueCounts): every visibility, and public only.
// Counted once here for a graph that has issues already; every write that changes an issue's status,
// districts or visibility recounts the districts it touches in its own transaction.
MATCH (d:District)
CALL (d) {
  OPTIONAL MATCH (d)<-[:LOCATED_IN]-(i:Issue)
  WHERE i.status IN ['OPEN', 'MONITORING', 'REOPENED']
  WITH DISTINCT i
  RETURN count(i) AS openAll, count(CASE WHEN i.visibility = 'PUBLIC' THEN i END) AS openPublic
}
SET d.openIssues = openAll, d.openPublicIssues = openPublic;
