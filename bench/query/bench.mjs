// Helper of run.sh (Node 20, no dependencies).
//
//   node bench.mjs prepare <server> <url> <queriesDir> <outDir>
//     Builds one JSON POST body per query (<outDir>/<server>.<query>.json) with its variables (AGENCY_ID,
//     DISTRICT_ID; for deep-page either the cursor after DEEP_OFFSET issues, found by walking pages of 100
//     with the query itself when it declares $after, or $offset = DEEP_OFFSET when it declares $offset),
//     sends each once and prints the first 300 characters of the answer. Writes <outDir>/<server>.<query>.ok
//     when the answer has data and no errors, <outDir>/<server>.<query>.failed (the reason) otherwise.
//
//   node bench.mjs report <outDir> <markdownFile>
//     Reads the JSON lines that wrk's done() printed (<outDir>/results.jsonl) and writes the Markdown
//     tables to <markdownFile> and stdout.
import { readFileSync, writeFileSync, readdirSync, existsSync } from "node:fs";
import { join, basename } from "node:path";

const DEEP_OFFSET = Number(process.env.DEEP_OFFSET ?? 5000);
const WALK_PAGE = 100;
const PAGE = 20;

async function post(url, body) {
    const started = performance.now();
    const res = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    let json = null;
    try {
        json = JSON.parse(text);
    } catch {
        // left null: reported below
    }
    return { status: res.status, text, json, ms };
}

function problem(answer) {
    if (answer.status !== 200) return `HTTP ${answer.status}`;
    if (!answer.json) return "not JSON";
    if (answer.json.errors?.length) return answer.json.errors.map((e) => e.message).join("; ");
    if (!answer.json.data) return "no data";
    return null;
}

// The items of a deep-page answer, whichever server and style: a connection (nodes or edges, pageInfo)
// or a plain list (the yardstick's offset/limit list).
function pageOf(json) {
    const root = json?.data?.issues ?? json?.data?.issuesConnection;
    if (!root) throw new Error(`unexpected deep-page answer: ${JSON.stringify(json).slice(0, 300)}`);
    if (Array.isArray(root)) return { count: root.length, hasNext: null, endCursor: null };
    const items = root.nodes ?? root.edges ?? [];
    return { hasNext: root.pageInfo.hasNextPage, endCursor: root.pageInfo.endCursor, count: items.length };
}

// Cursor style ($after, $first): walks `target` items forwards in pages of at most 100 with the query
// itself and returns the cursor after them (null for 0) and how many it saw (fewer at the end of the data).
async function walkCursor(url, query, target) {
    let after = null;
    let seen = 0;
    while (seen < target) {
        const first = Math.min(WALK_PAGE, target - seen);
        const answer = await post(url, { query, variables: { after, first } });
        const why = problem(answer);
        if (why) throw new Error(`walking pages: ${why}`);
        const page = pageOf(answer.json);
        seen += page.count;
        if (page.count === 0) break;
        after = page.endCursor;
        if (!page.hasNext) break;
    }
    return { after, seen };
}

// Offset style ($offset, $limit): how many items there are, up to `target` (pages of 100 from the end back
// is not possible, so: one probe at `target`, and a count by pages only when the data is shorter).
async function countOffset(url, query, target) {
    const probe = await post(url, { query, variables: { offset: target - PAGE, limit: PAGE } });
    const why = problem(probe);
    if (why) throw new Error(`probing offset ${target - PAGE}: ${why}`);
    if (pageOf(probe.json).count === PAGE) return target;
    let seen = 0;
    for (;;) {
        const answer = await post(url, { query, variables: { offset: seen, limit: WALK_PAGE } });
        const bad = problem(answer);
        if (bad) throw new Error(`counting pages: ${bad}`);
        const n = pageOf(answer.json).count;
        seen += n;
        if (n < WALK_PAGE || seen >= target) return Math.min(seen, target);
    }
}

// The variables of the deep page: after DEEP_OFFSET items, or as deep as a full page allows when the data
// is shorter (e.g. the demo data).
async function deepPage(url, query) {
    const want = DEEP_OFFSET + PAGE;
    if (/\$offset\b/.test(query)) {
        const total = await countOffset(url, query, want);
        const offset = Math.max(0, Math.min(DEEP_OFFSET, total - PAGE));
        if (offset !== DEEP_OFFSET) console.log(`  deep-page: only ${total} issues visible; using offset ${offset} instead of ${DEEP_OFFSET}`);
        return { variables: { offset, limit: PAGE }, offset };
    }
    let { after, seen } = await walkCursor(url, query, DEEP_OFFSET);
    let offset = DEEP_OFFSET;
    if (seen < DEEP_OFFSET) {
        offset = Math.max(0, seen - PAGE);
    } else {
        // Is there a full page after it?
        const next = await post(url, { query, variables: { after, first: PAGE } });
        const why = problem(next);
        if (why) throw new Error(`page after the cursor: ${why}`);
        const n = pageOf(next.json).count;
        if (n < PAGE) offset = DEEP_OFFSET + n - PAGE;
    }
    if (offset !== DEEP_OFFSET) {
        console.log(`  deep-page: only ${offset + PAGE} issues visible; using offset ${offset} instead of ${DEEP_OFFSET}`);
        ({ after } = await walkCursor(url, query, offset));
    }
    return { variables: { after, first: PAGE }, offset };
}

async function prepare(server, url, queriesDir, outDir) {
    const vars = {
        agencyId: process.env.AGENCY_ID ?? "agc_nonsan-safety",
        districtId: process.env.DISTRICT_ID ?? "dst_ganggyeong",
    };
    const files = readdirSync(queriesDir).filter((f) => f.endsWith(".graphql")).sort();
    const only = process.env.QUERIES ? process.env.QUERIES.split(/[ ,]+/).filter(Boolean) : null;
    for (const file of files) {
        const name = basename(file, ".graphql");
        if (only && !only.includes(name)) continue;
        const query = readFileSync(join(queriesDir, file), "utf8");
        const variables = {};
        for (const [k, v] of Object.entries(vars)) if (query.includes(`$${k}`)) variables[k] = v;
        const base = join(outDir, `${server}.${name}`);
        try {
            if (name === "deep-page") {
                const t0 = performance.now();
                const deep = await deepPage(url, query);
                Object.assign(variables, deep.variables);
                const offset = deep.offset;
                console.log(`  deep-page: after ${offset} issues: ${JSON.stringify(deep.variables)} (${Math.round(performance.now() - t0)} ms)`);
                writeFileSync(`${base}.offset`, String(offset));
            }
            const body = { query, variables };
            writeFileSync(`${base}.json`, JSON.stringify(body));
            const answer = await post(url, body);
            const why = problem(answer);
            console.log(`  ${server} ${name} (${Math.round(answer.ms)} ms): ${answer.text.slice(0, 300)}`);
            if (why) {
                console.log(`  !! ${server} ${name}: ${why}`);
                writeFileSync(`${base}.failed`, why);
            } else {
                writeFileSync(`${base}.ok`, "");
            }
        } catch (e) {
            console.log(`  !! ${server} ${name}: ${e.message}`);
            writeFileSync(`${base}.failed`, e.message);
        }
    }
}

const fmt = (n, d = 0) => (n == null || Number.isNaN(n) ? "–" : n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d }));
const ms = (us) => (us == null ? "–" : fmt(us / 1000, us < 10000 ? 2 : 1));

function report(outDir, mdFile) {
    const path = join(outDir, "results.jsonl");
    const rows = existsSync(path)
        ? readFileSync(path, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l))
        : [];
    const failed = readdirSync(outDir)
        .filter((f) => f.endsWith(".failed"))
        .map((f) => ({ key: basename(f, ".failed"), why: readFileSync(join(outDir, f), "utf8") }));
    const env = JSON.parse(readFileSync(join(outDir, "run.json"), "utf8"));

    const queries = [...new Set(rows.map((r) => r.query).concat(failed.map((f) => f.key.split(".")[1])))];
    const order = ["list", "two-hop", "three-hop-filtered", "count", "deep-page"];
    queries.sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
    const conns = [...new Set(rows.map((r) => r.connections))].sort((a, b) => a - b);
    const find = (q, s, c) => rows.find((r) => r.query === q && r.server === s && r.connections === c);

    const out = [];
    out.push(`# Query benchmark, ${env.date}`);
    out.push("");
    out.push(`CityGraph: ${env.citygraph} · yardstick (@neo4j/graphql ${env.yardstickVersion}): ${env.yardstick}  `);
    out.push(
        `wrk ${env.threads} threads, ${env.duration} per run after a ${env.warmup} warm-up (initial warm-up per server and query: ${env.initialWarmup === "auto" ? "until steady" : env.initialWarmup}); ` +
            `AGENCY_ID=${env.agencyId}, ` +
            `DISTRICT_ID=${env.districtId}, deep-page offset ${env.deepOffset.trim()}; ${env.host}`,
    );
    out.push("");
    out.push("| query | conns | CityGraph req/s | yardstick req/s | CityGraph ÷ yardstick | CityGraph p50 / p99 ms | yardstick p50 / p99 ms |");
    out.push("|---|---:|---:|---:|---:|---:|---:|");
    for (const q of queries) {
        for (const c of conns) {
            const a = find(q, "citygraph", c);
            const b = find(q, "yardstick", c);
            if (!a && !b) continue;
            const ratio = a && b && b.rps > 0 ? `${fmt(a.rps / b.rps, 2)}×` : "–";
            const lat = (r) => (r ? `${ms(r.p50)} / ${ms(r.p99)}` : "–");
            const rps = (r) => (r ? fmt(r.rps, 0) + (r.errors ? ` (${fmt(r.errors)} errors)` : "") : "–");
            out.push(`| ${q} | ${c} | ${rps(a)} | ${rps(b)} | ${ratio} | ${lat(a)} | ${lat(b)} |`);
        }
    }
    if (failed.length) {
        out.push("");
        out.push("Not measured (the check before the load failed):");
        out.push("");
        for (const f of failed) out.push(`- ${f.key.replace(".", " ")}: ${f.why.slice(0, 300)}`);
    }
    out.push("");
    out.push(
        "errors = socket errors + timeouts + non-2xx answers during the load. GraphQL errors in a 200 answer are caught " +
            "only by the check before the load.",
    );
    const text = out.join("\n") + "\n";
    writeFileSync(mdFile, text);
    process.stdout.write("\n" + text);
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === "prepare") await prepare(...args);
else if (cmd === "report") report(...args);
else {
    console.error("usage: node bench.mjs prepare <server> <url> <queriesDir> <outDir> | report <outDir> <md>");
    process.exit(2);
}
