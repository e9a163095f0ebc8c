// The yardstick for CityGraph's query benchmark: the Neo4j GraphQL Library (@neo4j/graphql 7.x)
// serving CityGraph's own graph, read-only, over HTTP with Apollo Server.
//
// Env: PORT (4000), NEO4J_URI (bolt://127.0.0.1:7687), NEO4J_USER (neo4j), NEO4J_PASSWORD (required
// unless the server runs without auth), NEO4J_DATABASE (neo4j), NEO4J_POOL_SIZE (100), DATETIME_MODE
// (native|apoc, see below), WORKERS (1: one Node process; N: N processes behind node:cluster on the same port),
// PRINT_SCHEMA=1 (print the generated schema and exit), DEBUG=@neo4j/graphql:* (log the Cypher).
//
// Nothing here writes to the database: every type is marked read-only (@mutation(operations: [])),
// subscriptions are off, and neither assertIndexesAndConstraints() nor checkNeo4jCompat() is called.
import cluster from "node:cluster";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { GraphQLScalarType, Kind, printSchema } from "graphql";
import neo4j from "neo4j-driver";

const PORT = Number(process.env.PORT ?? 4000);
const NEO4J_URI = process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687";
const NEO4J_USER = process.env.NEO4J_USER ?? "neo4j";
const NEO4J_PASSWORD = process.env.NEO4J_PASSWORD ?? "";
const NEO4J_DATABASE = process.env.NEO4J_DATABASE ?? "neo4j";

// How DateTime properties are typed.
//  native (default): as the scalar `Instant` below. The library projects the stored value as it is and
//    this scalar turns the driver's DateTime into an RFC 3339 string. Sorting and comparing stay on the
//    stored value (indexes apply). Needs nothing beyond the Community server.
//  apoc: as the library's own `DateTime`. Its projection calls apoc.date.convertFormat(), which the
//    embedded Community server lacks unless APOC core is installed: without it every query that selects
//    a DateTime field fails with "Unknown function 'apoc.date.convertFormat'".
const DATETIME_MODE = (process.env.DATETIME_MODE ?? "native").toLowerCase();
const TIME = DATETIME_MODE === "apoc" ? "DateTime" : "Instant";

function toIso(value) {
    if (value == null) return null;
    if (typeof value === "string") return value;
    if (neo4j.isDateTime(value)) {
        // The driver's toString() gives e.g. 2025-09-01T10:00:00+09:00 (or ...[Asia/Seoul] for a zone id):
        // drop a zone id so the value stays RFC 3339.
        return value.toString().replace(/\[[^\]]*\]$/, "");
    }
    if (value instanceof Date) return value.toISOString();
    throw new TypeError(`Instant cannot represent ${String(value)}`);
}

const Instant = new GraphQLScalarType({
    name: "Instant",
    description: "A stored Neo4j DateTime, as an RFC 3339 string.",
    serialize: toIso,
    parseValue: (v) => neo4j.types.DateTime.fromStandardDate(new Date(v)),
    parseLiteral: (ast) => (ast.kind === Kind.STRING ? neo4j.types.DateTime.fromStandardDate(new Date(ast.value)) : null),
});

// CityGraph's graph as it is stored (labels, property names, relationship types and directions).
// Relationship fields are lists: the 7.x library has no singular relationship fields.
const typeDefs = /* GraphQL */ `
    scalar Instant

    enum IssueCategory { COVID19 DISASTER TRAFFIC WELFARE ECONOMY ENVIRONMENT SAFETY CIVIL_COMPLAINT HEALTH EDUCATION CULTURE AGRICULTURE OTHER }
    enum Severity { LOW MEDIUM HIGH CRITICAL }
    enum IssueStatus { OPEN MONITORING RESOLVED CLOSED REOPENED }
    enum Visibility { PUBLIC INTERNAL }
    enum DistrictLevel { CITY EUP MYEON DONG }
    enum AgencyKind { CITY_GOVERNMENT CITY_DEPARTMENT COUNCIL PROVINCE POLICE FIRE HEALTH EDUCATION MILITARY UNIVERSITY TELECOM_OPERATOR CARD_COMPANY OTHER }

    type District @node(labels: ["District"]) @mutation(operations: []) {
        id: ID!
        code: String
        name: String!
        nameEn: String
        level: DistrictLevel!
        latitude: Float
        longitude: Float
        population: Int
        parent: [District!]! @relationship(type: "PART_OF", direction: OUT)
        children: [District!]! @relationship(type: "PART_OF", direction: IN)
        issues: [Issue!]! @relationship(type: "LOCATED_IN", direction: IN)
        servedBy: [Agency!]! @relationship(type: "SERVES", direction: IN)
        datasets: [Dataset!]! @relationship(type: "COVERS", direction: IN)
    }

    type Agency @node(labels: ["Agency"]) @mutation(operations: []) {
        id: ID!
        name: String!
        shortName: String
        nameEn: String
        aliases: [String!]
        kind: AgencyKind!
        homepage: String
        parent: [Agency!]! @relationship(type: "PART_OF", direction: OUT)
        children: [Agency!]! @relationship(type: "PART_OF", direction: IN)
        serves: [District!]! @relationship(type: "SERVES", direction: OUT)
        ownedIssues: [Issue!]! @relationship(type: "OWNED_BY", direction: IN)
        involvedIssues: [Issue!]! @relationship(type: "INVOLVES", direction: IN)
        datasets: [Dataset!]! @relationship(type: "PUBLISHED_BY", direction: IN)
    }

    type Issue @node(labels: ["Issue"]) @mutation(operations: []) {
        id: ID!
        title: String!
        summary: String
        category: IssueCategory!
        severity: Severity!
        severityRank: Int!
        status: IssueStatus!
        visibility: Visibility!
        createdAt: ${TIME}!
        updatedAt: ${TIME}
        resolvedAt: ${TIME}
        districts: [District!]! @relationship(type: "LOCATED_IN", direction: OUT)
        owner: [Agency!]! @relationship(type: "OWNED_BY", direction: OUT)
        involvedAgencies: [Agency!]! @relationship(type: "INVOLVES", direction: OUT)
        relatedIssues: [Issue!]! @relationship(type: "RELATED_TO", direction: OUT)
        history: [StatusChange!]! @relationship(type: "HAS_HISTORY", direction: OUT)
        datasets: [Dataset!]! @relationship(type: "EVIDENCES", direction: IN)
    }

    type StatusChange @node(labels: ["StatusChange"]) @mutation(operations: []) {
        seq: Int
        from: IssueStatus
        to: IssueStatus!
        at: ${TIME}!
        by: String
        note: String
    }

    type Mentions @relationshipProperties {
        text: String
        confidence: Float
    }

    union MentionTarget = District | Agency | Issue

    type NewsItem @node(labels: ["NewsItem"]) @mutation(operations: []) {
        id: ID!
        title: String!
        link: String
        guid: String
        source: String
        language: String
        publishedAt: ${TIME}
        summary: String
        mentions: [MentionTarget!]! @relationship(type: "MENTIONS", direction: OUT, properties: "Mentions")
    }

    type Dataset @node(labels: ["Dataset"]) @mutation(operations: []) {
        id: ID!
        title: String!
        description: String
        themes: [String!]
        keywords: [String!]
        publishedBy: [Agency!]! @relationship(type: "PUBLISHED_BY", direction: OUT)
        covers: [District!]! @relationship(type: "COVERS", direction: OUT)
        evidences: [Issue!]! @relationship(type: "EVIDENCES", direction: OUT)
    }
`;

const WORKERS = Math.max(1, Number(process.env.WORKERS ?? 1));

async function serve() {
    const driver = neo4j.driver(NEO4J_URI, neo4j.auth.basic(NEO4J_USER, NEO4J_PASSWORD), {
        // The same order of magnitude as CityGraph's own pool; wrk runs at most a few dozen connections.
        maxConnectionPoolSize: Number(process.env.NEO4J_POOL_SIZE ?? 100),
    });

    const neoSchema = new Neo4jGraphQL({
        typeDefs,
        driver,
        resolvers: TIME === "Instant" ? { Instant } : {},
    });

    const schema = await neoSchema.getSchema();

    if (process.env.PRINT_SCHEMA) {
        process.stdout.write(printSchema(schema) + "\n");
        await driver.close();
        process.exit(0);
    }

    // Reach the database once (read-only) so a wrong password or port fails at start, not on the first query.
    await driver.verifyConnectivity({ database: NEO4J_DATABASE });

    const server = new ApolloServer({
        schema,
        // Apollo's defaults otherwise: its CSRF prevention lets Content-Type: application/json POSTs through.
        introspection: true,
    });

    const { url } = await startStandaloneServer(server, {
        listen: { port: PORT, host: process.env.HOST ?? "127.0.0.1" },
        context: async () => ({ sessionConfig: { database: NEO4J_DATABASE, defaultAccessMode: "READ" } }),
    });
    console.log(`yardstick: @neo4j/graphql serving ${NEO4J_URI} (datetime=${DATETIME_MODE}, pid ${process.pid}) at ${url}`);

    for (const sig of ["SIGINT", "SIGTERM"]) {
        process.on(sig, async () => {
            await server.stop();
            await driver.close();
            process.exit(0);
        });
    }
}

if (WORKERS > 1 && cluster.isPrimary && !process.env.PRINT_SCHEMA) {
    let live = WORKERS;
    for (let i = 0; i < WORKERS; i++) cluster.fork();
    cluster.on("exit", (worker, code) => {
        console.error(`yardstick: worker ${worker.process.pid} exited (${code})`);
        if (--live === 0) process.exit(code ?? 1);
    });
    const stop = () => {
        for (const w of Object.values(cluster.workers)) w.kill("SIGTERM");
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
} else {
    await serve();
}

