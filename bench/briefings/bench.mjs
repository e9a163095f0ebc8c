// Live briefing rooms under load: ROOMS rooms of PEOPLE participants, each on its own connection
// (as a browser would be), every room sending RATE chat and control messages a second (chat
// messages and the presenter's slide changes), plus everyone's heartbeat every 3 s. Measures the
// latency from send to receipt, at every participant of the room, for a chat message and for a
// slide change; prints p50/p90/p99/max per kind and how many receipts were missing.
// PROTOCOL=live (the default) uses the live room socket /api/briefings/{id}/live, as the web
// client does; PROTOCOL=graphql the GraphQL operations over graphql-ws at /graphql.
//   BASE_URL=http://127.0.0.1:8187 ADMIN_PASSWORD=... node bench.mjs
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8187';
const WS_URL = BASE_URL.replace(/^http/, 'ws') + '/graphql';
const LIVE_URL = BASE_URL.replace(/^http/, 'ws') + '/api/briefings';
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD;
const ROOMS = Number(process.env.ROOMS ?? 200);
const PEOPLE = Number(process.env.PEOPLE ?? 6);
const RATE = Number(process.env.RATE ?? 10);
const WARMUP_S = Number(process.env.WARMUP_S ?? 20);
const MEASURE_S = Number(process.env.MEASURE_S ?? 30);
const PROTOCOL = process.env.PROTOCOL ?? 'live';
const SLIDES = 10;
const PASSWORD = 'benchmark password 1234';

async function post(path, body, token) {
  const response = await fetch(BASE_URL + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) {
    throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
  }
  return json;
}

async function gql(token, query, variables) {
  const body = await post('/graphql', { query, variables }, token);
  if (body.errors) {
    throw new Error(JSON.stringify(body.errors));
  }
  return body.data;
}

const login = async (username, password) => (await post('/api/auth/login', { username, password })).token;

function percentile(sorted, p) {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

// ---------------------------------------------------------------- setup: people, rooms, slides
const admin = await login('admin', ADMIN_PASSWORD);
const people = [];
for (let n = 1; n <= PEOPLE; n++) {
  const username = `bench-${n}`;
  await gql(admin, `mutation($i: CreateUserInput!) { createUser(input: $i) { errors { code } } }`, {
    i: { username, displayName: `참석자 ${n}`, role: 'STAFF', password: PASSWORD },
  });
  const token = await login(username, PASSWORD);
  const me = await (await fetch(`${BASE_URL}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } })).json();
  people.push({ username, token, id: me.id });
}
const host = people[0];
const slides = Array.from({ length: SLIDES }, (_, n) => ({ kind: 'DECK_PAGE', deckPage: n + 1, title: `쪽 ${n + 1}` }));
const rooms = [];
const setupStarted = Date.now();
for (let r = 0; r < ROOMS; r++) {
  const { createBriefing } = await gql(host.token, `mutation($i: CreateBriefingInput!) {
    createBriefing(input: $i) { briefing { id } errors { message } } }`, {
    i: { title: `부하 시험 회의 ${r}`, scheduledStart: new Date().toISOString() },
  });
  const id = createBriefing.briefing.id;
  await gql(host.token, `mutation($i: AddBriefingSlidesInput!) { addBriefingSlides(input: $i) { errors { code } } }`,
    { i: { briefingId: id, slides } });
  await gql(host.token, `mutation($id: ID!) { startBriefing(id: $id) { errors { code } } }`, { id });
  rooms.push({ id, members: [], slideLog: [] });
}
console.log(`set up ${ROOMS} live briefings in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`);

// ---------------------------------------------------------------- connect and join
const EVENTS = `subscription($id: ID!) { briefingEvents(id: $id) { kind slide chat { text } } }`;
const samples = { chat: [], slide: [] };
let measuring = false;
let expected = { chat: 0, slide: 0 };
let received = { chat: 0, slide: 0 };
let errors = 0;
const refusals = new Map();
const chatSent = new Map();

function connect(person) {
  return createClient({
    url: WS_URL,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: { Authorization: `Bearer ${person.token}` },
  });
}

function run(client, query, variables) {
  return new Promise((resolve, reject) => {
    let result;
    client.subscribe({ query, variables }, {
      next: (value) => { result = value; },
      error: reject,
      complete: () => (result?.errors ? reject(new Error(JSON.stringify(result.errors))) : resolve(result?.data)),
    });
  });
}

const connectStarted = Date.now();
const heartbeats = [];
const BATCH = 100;
const members = [];
for (const room of rooms) {
  for (const person of people) {
    members.push({ room, person, slideSeen: 0 });
  }
}
/** What a participant receives: a room event, as GraphQL gives it or as the live socket does. */
function receive(member, event) {
  const now = performance.now();
  if (event.kind === 'CHAT') {
    const sent = chatSent.get(event.chat.text);
    if (sent !== undefined && sent.measured) {
      samples.chat.push(now - sent.at);
      received.chat++;
    }
  } else if (event.kind === 'SLIDE_CHANGED') {
    // slide changes arrive in the order they were sent: match each with the next one sent to that slide
    const log = member.room.slideLog;
    while (member.slideSeen < log.length && log[member.slideSeen].position !== event.slide) {
      member.slideSeen++;
    }
    const sent = log[member.slideSeen];
    if (sent !== undefined) {
      member.slideSeen++;
      if (sent.measured) {
        samples.slide.push(now - sent.at);
        received.slide++;
      }
    }
  }
}

/** A participant over GraphQL: the briefingEvents subscription and one mutation per message. */
async function joinOverGraphql(member) {
  const client = connect(member.person);
  member.client = client;
  client.subscribe({ query: EVENTS, variables: { id: member.room.id } }, {
    next: ({ data, errors: failures }) => {
      if (failures) {
        errors++;
        return;
      }
      receive(member, data.briefingEvents);
    },
    error: () => { errors++; },
    complete: () => undefined,
  });
  const joined = await run(client, `mutation($id: ID!) { joinBriefing(id: $id) { errors { code } } }`, { id: member.room.id });
  if (joined.joinBriefing.errors.length) {
    throw new Error(JSON.stringify(joined.joinBriefing.errors));
  }
  const room = member.room.id;
  member.chat = (text) => run(client, `mutation($i: SendBriefingChatInput!) { sendBriefingChat(input: $i) { errors { code } } }`,
    { i: { briefingId: room, text } }).catch(() => { errors++; });
  member.slide = (position) => run(client, `mutation($i: ShowBriefingSlideInput!) { showBriefingSlide(input: $i) { errors { code } } }`,
    { i: { briefingId: room, position } }).catch(() => { errors++; });
  member.heartbeat = () => run(client, `mutation($id: ID!) { briefingHeartbeat(id: $id) { errors { code } } }`, { id: room })
    .catch(() => { errors++; });
  member.close = () => client.dispose();
}

/** A participant over the live room socket: plain JSON messages, events serialized once per room. */
async function joinOverLiveSocket(member) {
  const socket = new WebSocket(`${LIVE_URL}/${member.room.id}/live`, { headers: { Authorization: `Bearer ${member.person.token}` } });
  const replies = new Map();
  let refs = 0;
  const ready = new Promise((resolve, reject) => {
    socket.on('message', (data) => {
      const frame = JSON.parse(data);
      if (frame.type === 'event') {
        receive(member, frame);
      } else if (frame.type === 'reply') {
        if (frame.errors.length) {
          errors++;
          refusals.set(frame.errors[0].code, (refusals.get(frame.errors[0].code) ?? 0) + 1);
        }
        replies.get(frame.ref)?.(frame);
        replies.delete(frame.ref);
      } else if (frame.type === 'ready') {
        resolve();
      } else if (frame.type === 'closing') {
        reject(new Error(frame.message));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('closed')));
  });
  await ready;
  const joined = await new Promise((resolve) => {
    const ref = String(++refs);
    replies.set(ref, resolve);
    socket.send(JSON.stringify({ type: 'join', ref }));
  });
  if (joined.errors.length) {
    throw new Error(JSON.stringify(joined.errors));
  }
  // no ref: only a refusal is answered (and counted as an error)
  member.chat = (text) => socket.send(JSON.stringify({ type: 'chat', text }));
  member.slide = (position) => socket.send(JSON.stringify({ type: 'slide', position }));
  member.heartbeat = () => socket.send(JSON.stringify({ type: 'heartbeat' }));
  member.close = () => socket.close(1000);
}

for (let i = 0; i < members.length; i += BATCH) {
  await Promise.all(members.slice(i, i + BATCH).map(async (member) => {
    await (PROTOCOL === 'graphql' ? joinOverGraphql(member) : joinOverLiveSocket(member));
    member.room.members.push(member);
    // heartbeats from the moment they are in, as the web client sends them (joining everyone takes
    // longer than the presence timeout)
    heartbeats.push(setInterval(() => member.heartbeat(), 3000));
  }));
}
console.log(`${members.length} participants connected and joined in ${((Date.now() - connectStarted) / 1000).toFixed(1)} s`);
await new Promise((resolve) => setTimeout(resolve, 1000));

// ---------------------------------------------------------------- load
let sequence = 0;
const timers = [];
for (const room of rooms) {
  let tick = 0;
  let slide = 0;
  const presenter = room.members.find((m) => m.person.id === host.id);
  // spread the rooms' sends over the second
  const offset = Math.random() * (1000 / RATE);
  timers.push(setTimeout(() => {
    timers.push(setInterval(() => {
      tick++;
      const mine = tick % 5 === 0 ? 'slide' : 'chat'; // 2 slide changes and 8 chat messages a second per room
      if (mine === 'slide') {
        slide = (slide + 1) % SLIDES;
        room.slideLog.push({ position: slide, at: performance.now(), measured: measuring });
        if (measuring) {
          expected.slide += room.members.length;
        }
        presenter.slide(slide);
      } else {
        const sender = room.members[tick % room.members.length];
        const text = `m${sequence++}`;
        chatSent.set(text, { at: performance.now(), measured: measuring });
        if (measuring) {
          expected.chat += room.members.length;
        }
        sender.chat(text);
      }
    }, 1000 / RATE));
  }, offset));
}
await new Promise((resolve) => setTimeout(resolve, WARMUP_S * 1000));
measuring = true;
const measureStarted = Date.now();
await new Promise((resolve) => setTimeout(resolve, MEASURE_S * 1000));
measuring = false;
const measuredFor = (Date.now() - measureStarted) / 1000;
// let the last measured messages arrive
await new Promise((resolve) => setTimeout(resolve, 3000));
timers.forEach((t) => { clearTimeout(t); clearInterval(t); });
heartbeats.forEach((t) => clearInterval(t));

const report = (name) => {
  const sorted = samples[name].slice().sort((a, b) => a - b);
  const f = (v) => v.toFixed(1);
  return `${name.padEnd(6)} receipts ${String(sorted.length).padStart(7)} of ${String(expected[name]).padStart(7)}  `
    + `p50 ${f(percentile(sorted, 50))} ms  p90 ${f(percentile(sorted, 90))} ms  p99 ${f(percentile(sorted, 99))} ms  max ${f(sorted[sorted.length - 1] ?? NaN)} ms`;
};
console.log(`${PROTOCOL === 'graphql' ? 'GraphQL over graphql-ws' : 'live room socket'}: ${ROOMS} rooms x ${PEOPLE} participants, ${RATE} messages/s per room (8 chat + 2 slide changes), `
  + `heartbeats every 3 s; measured ${measuredFor.toFixed(0)} s`);
console.log(report('chat'));
console.log(report('slide'));
console.log(`errors ${errors}${refusals.size ? ` (${[...refusals].map(([code, n]) => `${code} ${n}`).join(', ')})` : ''}`);
await Promise.all(members.map((m) => m.close()));
process.exit(0);
