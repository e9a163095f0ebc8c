// Subscription benchmark: N graphql-transport-ws clients subscribe to issueChanged; a staff client then
// changes a public issue K times, and every subscriber notes when each change reached it. Reports
// connections held, the hub's heap per idle subscribed connection (from jcmd, after a full GC) and the
// latency from the event's commit to delivery (and from sending the mutation), p50/p95/p99. See README.md.
//
// node bench.mjs --http http://127.0.0.1:8080 --token <staff token> --pid <hub pid> [--counts 1000,5000,10000]
//                [--events 20] [--interval-ms 1000] [--issue iss_ganggyeong-flood] [--warmup 1500]
//                [--client java|node] [--workers 1 for java, 2 for node]
import { fork, spawn, execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const SUBSCRIPTION = 'subscription { issueChanged { seq at issue { id summary } } }';

if (process.env.BENCH_WORKER) {
  worker();
} else {
  await main();
}

function now() {
  return performance.timeOrigin + performance.now();
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// --- a worker process holds a share of the subscribers ------------------------------------------------
function worker() {
  const { url, count, addresses, batch } = JSON.parse(process.env.BENCH_WORKER);
  const received = []; // [marker, receivedAt, at]
  const clients = [];
  let connected = 0;
  let failed = 0;
  let closedEarly = 0;

  process.on('message', async (message) => {
    if (message.type === 'report') {
      process.send({ type: 'report', received: received.splice(0), connected, failed, closedEarly });
    } else if (message.type === 'cpu') {
      const usage = process.cpuUsage();
      process.send({ type: 'cpu', micros: usage.user + usage.system });
    } else if (message.type === 'count') {
      const counts = {};
      for (const [marker] of received) counts[marker] = (counts[marker] ?? 0) + 1;
      process.send({ type: 'count', counts });
    } else if (message.type === 'close') {
      await Promise.all(clients.map((client) => client.dispose()));
      process.send({ type: 'closed' });
      setTimeout(() => process.exit(0), 100);
    }
  });

  const open = (index) => new Promise((resolve) => {
    const localAddress = addresses[index % addresses.length];
    class BoundWebSocket extends WebSocket {
      constructor(address, protocols) {
        super(address, protocols, { localAddress, perMessageDeflate: false });
      }
    }
    let settled = false;
    const settle = (ok) => {
      if (!settled) {
        settled = true;
        ok ? connected++ : failed++;
        resolve();
      }
    };
    const client = createClient({
      url,
      webSocketImpl: BoundWebSocket,
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => settle(false),
      on: {
        connected: () => settle(true),
        closed: () => {
          if (settled) closedEarly++;
          settle(false);
        },
      },
    });
    client.subscribe({ query: SUBSCRIPTION }, {
      next: ({ data }) => {
        const event = data?.issueChanged;
        if (event) received.push([event.issue.summary, now(), Date.parse(event.at)]);
      },
      error: () => undefined,
      complete: () => undefined,
    });
    clients.push(client);
  });

  (async () => {
    for (let i = 0; i < count; i += batch) {
      const slice = [];
      for (let j = i; j < Math.min(count, i + batch); j++) slice.push(open(j));
      await Promise.all(slice);
    }
    process.send({ type: 'ready', connected, failed });
  })();
}

// --- the main process: ramps, measures, reports -----------------------------------------------------
async function main() {
  const args = parseArgs(process.argv.slice(2));
  const http = args.http ?? 'http://127.0.0.1:8080';
  const url = http.replace(/^http/, 'ws') + '/graphql';
  const counts = (args.counts ?? '1000,5000,10000').split(',').map(Number);
  const events = Number(args.events ?? 20);
  const interval = Number(args['interval-ms'] ?? 1000);
  const issue = args.issue ?? 'iss_ganggyeong-flood';
  const client = args.client ?? 'java';
  if (client !== 'java' && client !== 'node') throw new Error(`--client is java or node, not ${client}`);
  const workers = Number(args.workers ?? (client === 'java' ? 1 : 2));
  const pid = args.pid;
  const token = args.token;
  if (!token || !pid) {
    throw new Error('--token (a staff token) and --pid (the hub\'s process id, for jcmd) are needed');
  }
  let addressBase = 1;
  const results = [];
  await warmUp(http, url, token, issue, Number(args.warmup ?? 1500));

  for (const n of counts) {
    log(`--- ${n} subscribers`);
    const heapBefore = heapUsedKb(pid);
    // fresh source addresses for every round: the previous round's sockets may sit in TIME_WAIT
    const addresses = [];
    for (let i = 0; i < 4; i++) addresses.push(`127.0.0.${++addressBase}`);
    const started = performance.now();
    const children = [];
    for (let w = 0; w < workers; w++) {
      const share = Math.floor(n / workers) + (w < n % workers ? 1 : 0);
      const settings = { url, count: share, addresses, batch: 100 };
      children.push(client === 'java' ? javaWorker(settings) : fork(new URL(import.meta.url).pathname, [], {
        env: { ...process.env, BENCH_WORKER: JSON.stringify(settings) },
      }));
    }
    const ready = await Promise.all(children.map((child) => once(child, 'ready')));
    const connected = ready.reduce((sum, r) => sum + r.connected, 0);
    const failed = ready.reduce((sum, r) => sum + r.failed, 0);
    log(`${connected} connected, ${failed} failed, in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // Every subscription is live once a first change reaches all of them.
    const warm = `warm-${n}-${Date.now()}`;
    await mutate(http, token, issue, warm);
    const deadline = Date.now() + 60_000;
    let warmed = 0;
    while (Date.now() < deadline) {
      await sleep(500);
      const answers = await Promise.all(children.map((child) => ask(child, { type: 'count' }, 'count')));
      warmed = answers.reduce((sum, a) => sum + (a.counts[warm] ?? 0), 0);
      if (warmed >= connected) break;
    }
    log(`warm-up change reached ${warmed} of ${connected}`);
    await Promise.all(children.map((child) => ask(child, { type: 'report' }, 'report')));

    await sleep(2000);
    const heapIdle = heapUsedKb(pid);
    const perConnection = (heapIdle - heapBefore) / Math.max(1, connected);
    log(`heap ${mb(heapBefore)} -> ${mb(heapIdle)} MB: ${perConnection.toFixed(1)} KB per idle subscribed connection`);

    const cpu = async () => ({
      hub: hubCpuMicros(pid),
      clients: (await Promise.all(children.map((child) => ask(child, { type: 'cpu' }, 'cpu')))).reduce((sum, c) => sum + c.micros, 0),
    });
    const cpuBefore = await cpu();
    const sent = new Map();
    for (let k = 0; k < events; k++) {
      const marker = `bench-${n}-${k}-${Date.now()}`;
      sent.set(marker, now());
      await mutate(http, token, issue, marker);
      await sleep(interval);
    }
    await sleep(3000);
    const cpuAfter = await cpu();
    const reports = await Promise.all(children.map((child) => ask(child, { type: 'report' }, 'report')));
    const fromSend = [];
    const fromCommit = [];
    for (const report of reports) {
      for (const [marker, receivedAt, at] of report.received) {
        if (!sent.has(marker)) continue;
        fromSend.push(receivedAt - sent.get(marker));
        fromCommit.push(receivedAt - at);
      }
    }
    const expected = connected * events;
    const closedEarly = reports.reduce((sum, r) => sum + r.closedEarly, 0);
    const row = {
      subscribers: n, connected, failed, closedEarly,
      heapPerConnectionKb: Number(perConnection.toFixed(1)),
      heapIdleMb: Number(mb(heapIdle)),
      delivered: fromSend.length, expected,
      fromSend: percentiles(fromSend), fromCommit: percentiles(fromCommit),
      // CPU spent while the changes were made and delivered (the hub's includes the mutations and its idle work)
      hubCpuMicrosPerDelivery: Number(((cpuAfter.hub - cpuBefore.hub) / Math.max(1, fromSend.length)).toFixed(1)),
      clientCpuMicrosPerDelivery: Number(((cpuAfter.clients - cpuBefore.clients) / Math.max(1, fromSend.length)).toFixed(1)),
      // the issue's measure: from the event's commit to its delivery
      within250ms: fromCommit.length ? Number((fromCommit.filter((ms) => ms <= 250).length / expected * 100).toFixed(2)) : 0,
    };
    results.push(row);
    log(JSON.stringify(row));

    await Promise.all(children.map((child) => ask(child, { type: 'close' }, 'closed')));
    await sleep(5000);
  }

  console.log(`Clients: ${client === 'java' ? 'the Java client (java-client/, Netty)' : 'node graphql-ws + ws'}, ${workers} process(es).\n`);
  console.log(table(results));
  console.log('\n<!-- json\n' + JSON.stringify(results, null, 1) + '\n-->');
}

// A fresh JVM runs the write and delivery paths interpreted for the first thousand or so changes;
// the figures are meant for a hub that has been up for a while.
async function warmUp(http, url, token, issue, changes) {
  if (changes <= 0) return;
  log(`warming up: ${changes} changes delivered to one subscriber`);
  let received = 0;
  const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0 });
  const stop = client.subscribe({ query: SUBSCRIPTION }, { next: () => received++, error: () => undefined, complete: () => undefined });
  await sleep(500);
  for (let k = 0; k < changes; k++) {
    await mutate(http, token, issue, `warm-up-${k}`);
  }
  await sleep(1000);
  stop();
  await client.dispose();
  log(`warm-up done: ${received} of ${changes} delivered`);
}

// The Java client (java-client/) in a process of its own, spoken to in JSON lines on its stdin and
// stdout; to the rest of this script it looks like a forked node worker (send, 'message', 'exit').
function javaWorker({ url, count, addresses, batch }) {
  const home = new URL('java-client/', import.meta.url).pathname;
  const classpath = `${home}target/classes:${readFileSync(`${home}target/classpath`, 'utf8').trim()}`;
  const child = spawn('java', ['-Xmx1g', '-XX:+UseParallelGC', '-cp', classpath, 'org.citygraph.bench.Subscribers',
    url, String(count), addresses.join(','), String(batch)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const worker = new EventEmitter();
  worker.send = (message) => child.stdin.write(JSON.stringify(message) + '\n');
  createInterface({ input: child.stdout }).on('line', (line) => worker.emit('message', JSON.parse(line)));
  child.on('exit', (code) => worker.emit('exit', code));
  return worker;
}

async function mutate(http, token, issue, summary) {
  const response = await fetch(`${http}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation($i: UpdateIssueInput!) { updateIssue(input: $i) { errors { code message } } }',
      variables: { i: { id: issue, summary } },
    }),
  });
  const body = await response.json();
  const errors = body.errors ?? body.data?.updateIssue?.errors ?? [];
  if (response.status !== 200 || errors.length) {
    throw new Error(`updateIssue failed: ${response.status} ${JSON.stringify(body)}`);
  }
}

/** The hub's CPU time (user + system) so far, from /proc: clock ticks of 10 ms. */
function hubCpuMicros(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks * 10_000;
}

function heapUsedKb(pid) {
  execFileSync('jcmd', [String(pid), 'GC.run'], { stdio: 'ignore' });
  const info = execFileSync('jcmd', [String(pid), 'GC.heap_info'], { encoding: 'utf8' });
  const used = /used (\d+)K/.exec(info);
  if (!used) throw new Error(`cannot read the heap from jcmd: ${info}`);
  return Number(used[1]);
}

function once(child, type) {
  return new Promise((resolve, reject) => {
    const onMessage = (message) => {
      if (message.type === type) {
        child.off('message', onMessage);
        resolve(message);
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

function ask(child, message, answer) {
  const reply = once(child, answer);
  child.send(message);
  return reply;
}

function percentiles(values) {
  if (!values.length) return { p50: null, p95: null, p99: null, max: null };
  const sorted = Float64Array.from(values).sort();
  const at = (q) => Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1));
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: Number(sorted[sorted.length - 1].toFixed(1)) };
}

function table(rows) {
  const lines = [
    '| subscribers | connected | heap per idle connection | delivered | within 250 ms of the commit | p50 | p95 | p99 | max | p50 / p99 from sending the mutation | CPU per delivery: hub / clients |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(`| ${r.subscribers} | ${r.connected} | ${r.heapPerConnectionKb} KB | ${r.delivered} / ${r.expected} | ${r.within250ms} % `
      + `| ${r.fromCommit.p50} ms | ${r.fromCommit.p95} ms | ${r.fromCommit.p99} ms | ${r.fromCommit.max} ms | ${r.fromSend.p50} / ${r.fromSend.p99} ms `
      + `| ${r.hubCpuMicrosPerDelivery} / ${r.clientCpuMicrosPerDelivery} µs |`);
  }
  return lines.join('\n');
}

function mb(kb) {
  return (kb / 1024).toFixed(1);
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  return out;
}

function log(message) {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
}
