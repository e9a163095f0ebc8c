import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../api/gql';
import type { BriefingDetailQuery, BriefingSlideView } from '../api/gql/graphql';
import { useSession } from '../api/SessionContext';
import { writeHeaders } from '../api/session';
import { useCoalesced, useIssueEvents } from '../api/LiveContext';
import { NotFound, QueryState } from '../components/States';
import { Chart } from '../components/Chart';
import { useFormat } from '../i18n/format';
import { RoomSocket, type LiveChat, type LiveRoom } from '../briefing/socket';
import { Mesh, type Peer, type SignalKind } from '../briefing/mesh';
import { columnsOf, kpiOf, labelOf, rowsOf, shownSlide, valueOf } from '../briefing/slides';

const BriefingDetail = graphql(`
  query BriefingDetail($id: ID!) {
    briefing(id: $id) {
      id title purpose status scheduledStart startedAt endedAt restricted
      host { id name }
      agenda { position title minutes issue { id title } }
      invitees { id name agency { id name } }
      slides { position kind title deckPage query view valuePath notes }
      deck { fileName size url }
      chat(last: 50) { nodes { id text at author { id name } } }
      minutes {
        decisions { id text at issues { id title } agencies { id name } }
        actionItems { id text due owner { id name } issues { id title } }
        attendance { person { id name } joinedAt leftAt }
        slidesShown { position title at byName }
      }
    }
    briefingIceServers { urls username credential }
  }
`);

const StartBriefing = graphql(`
  mutation StartBriefing($id: ID!) { startBriefing(id: $id) { briefing { id status } errors { code message } } }
`);

const EndBriefing = graphql(`
  mutation EndBriefing($id: ID!) { endBriefing(id: $id) { briefing { id status } errors { code message } } }
`);

const AddSlides = graphql(`
  mutation AddBriefingSlides($input: AddBriefingSlidesInput!) {
    addBriefingSlides(input: $input) { briefing { id slides { position } } errors { field code message } }
  }
`);

const RecordDecision = graphql(`
  mutation RecordBriefingDecision($input: RecordBriefingDecisionInput!) {
    recordBriefingDecision(input: $input) { decision { id } errors { field code message } }
  }
`);

const Moderate = graphql(`
  mutation ModerateBriefing($input: ModerateBriefingInput!) { moderateBriefing(input: $input) { errors { code message } } }
`);

type Briefing = NonNullable<BriefingDetailQuery['briefing']>;
type Slide = Briefing['slides'][number];
type Room = LiveRoom;
type ChatLine = LiveChat;

/** One briefing: its plan, the live room when it is open, and the minutes. */
export function BriefingRoomScreen() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { viewer } = useSession();
  const [result, reexecute] = useQuery({ query: BriefingDetail, variables: { id }, pause: !viewer.authenticated });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const [, start] = useMutation(StartBriefing);
  const [, end] = useMutation(EndBriefing);
  const [inRoom, setInRoom] = useState(false);
  const { dateTime } = useFormat();

  if (!viewer.authenticated) {
    return <section className="screen"><NotFound what={t('briefing.loginFirst')} /></section>;
  }
  return (
    <section className="screen briefing">
      <QueryState result={result} retry={refetch}>
        {(data) => {
          const b = data.briefing;
          if (!b) {
            return <NotFound what={t('briefing.notFound')} />;
          }
          const host = b.host.id === viewer.id || viewer.role === 'ADMIN';
          return (
            <>
              <nav aria-label={t('nav.breadcrumbs')}><Link to="/briefings">{t('briefing.title')}</Link></nav>
              <h1>{b.title}</h1>
              <p className="meta">
                <span className={`badge status-${b.status.toLowerCase()}`} data-testid="briefing-status">{t(`briefing.statuses.${b.status}`)}</span>
                {' '}{dateTime(b.scheduledStart)} · {t('briefing.hostedBy', { name: b.host.name })}
              </p>
              {b.purpose && <p>{b.purpose}</p>}
              <div className="toolbar">
                {host && b.status === 'SCHEDULED' && (
                  <button type="button" className="button button-primary" onClick={() => void start({ id }).then(refetch)}>{t('briefing.start')}</button>
                )}
                {b.status === 'LIVE' && !inRoom && (
                  <button type="button" className="button button-primary" onClick={() => setInRoom(true)}>{t('briefing.enter')}</button>
                )}
                {host && b.status === 'LIVE' && (
                  <button type="button" className="button" onClick={() => void end({ id }).then(() => { setInRoom(false); refetch(); })}>{t('briefing.end')}</button>
                )}
              </div>
              {inRoom && b.status === 'LIVE'
                ? <LiveRoom briefing={b} iceServers={data.briefingIceServers} selfId={viewer.id ?? ''} onLeft={() => { setInRoom(false); refetch(); }}
                  onSlidesChanged={refetch} />
                : <Plan briefing={b} />}
              {host && b.status !== 'ENDED' && <SlideEditor briefing={b} onChanged={refetch} />}
              <Minutes briefing={b} onChanged={refetch} canRecord={host || viewer.role === 'STAFF'} />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function Plan({ briefing }: { briefing: Briefing }) {
  const { t } = useTranslation();
  return (
    <div className="panel">
      <h2>{t('briefing.agenda')}</h2>
      <ol>
        {briefing.agenda.map((item) => (
          <li key={item.position}>
            {item.title}{item.minutes ? ` (${t('briefing.minutesPlanned', { count: item.minutes })})` : ''}
            {item.issue && <> · <Link to={`/issues/${item.issue.id}`}>{item.issue.title}</Link></>}
          </li>
        ))}
      </ol>
      <h2>{t('briefing.invitees')}</h2>
      <ul>{briefing.invitees.map((p) => <li key={p.id}>{p.name}{p.agency ? ` · ${p.agency.name}` : ''}</li>)}</ul>
    </div>
  );
}

/**
 * The room: video, people, slides and chat, over the room's live socket (plain JSON, see
 * `briefing/socket.ts`); moderation goes through GraphQL, where it is audited.
 */
function LiveRoom({ briefing, iceServers, selfId, onLeft, onSlidesChanged }: {
  briefing: Briefing;
  iceServers: { urls: string[]; username?: string | null; credential?: string | null }[];
  selfId: string;
  onLeft: () => void;
  onSlidesChanged: () => void;
}) {
  const { t } = useTranslation();
  const [, moderateMutation] = useMutation(Moderate);
  const [room, setRoom] = useState<Room | null>(null);
  const [chat, setChat] = useState<ChatLine[]>(briefing.chat.nodes);
  const [notice, setNotice] = useState<string | null>(null);
  const [streams, setStreams] = useState<Map<string, MediaStream>>(new Map());
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [camera, setCamera] = useState(true);
  const [mic, setMic] = useState(true);
  const [follow, setFollow] = useState(true);
  const [own, setOwn] = useState(0);
  const socketRef = useRef<RoomSocket | null>(null);
  const meshRef = useRef<Mesh | null>(null);
  const slidesChanged = useRef(onSlidesChanged);
  slidesChanged.current = onSlidesChanged;
  const left = useRef(onLeft);
  left.current = onLeft;
  const id = briefing.id;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    let mesh: Mesh | null = null;
    const peers = (r: Room): Peer[] => r.participants.map((p) => ({ id: p.person.id, media: p.media, presenter: p.presenter }));
    const apply = (r: Room | null | undefined) => {
      if (r) {
        setRoom(r);
        mesh?.update(peers(r));
      }
    };
    const join = async () => {
      const joined = await socket.ask({ type: 'join' });
      if (joined.errors.length > 0) {
        setNotice(joined.errors[0].message);
        return undefined;
      }
      apply(joined.room);
      return joined.room?.heartbeatSeconds;
    };
    const socket = new RoomSocket(id, {
      onEvent: (event) => {
        switch (event.kind) {
          case 'CHAT':
            if (event.chat) {
              const line = event.chat;
              setChat((lines) => (lines.some((l) => l.id === line.id) ? lines : [...lines.slice(-199), line]));
            }
            break;
          case 'SLIDE_CHANGED':
            setRoom((r) => (r ? { ...r, currentSlide: event.slide ?? r.currentSlide } : r));
            break;
          case 'SIGNAL':
            if (event.signal) {
              void mesh?.receive(event.signal.fromId, event.signal.kind as SignalKind, event.signal.payload);
            }
            break;
          case 'MUTE_REQUESTED':
            if (event.subjectId === selfId) {
              stream?.getAudioTracks().forEach((track) => { track.enabled = false; });
              setMic(false);
              setNotice(t('briefing.muteRequested', { name: event.actor?.name ?? '' }));
            }
            break;
          case 'REMOVED':
            apply(event.room);
            if (event.subjectId === selfId) {
              setNotice(t('briefing.removed'));
              left.current();
            }
            break;
          case 'ENDED':
            setNotice(t('briefing.ended'));
            left.current();
            break;
          case 'SLIDES_CHANGED':
            apply(event.room);
            slidesChanged.current();
            break;
          default:
            apply(event.room);
        }
      },
      // after a dropped connection, the hub has taken the person out: they come back in
      onReady: (again) => { if (again && !stopped) { void join().catch(() => undefined); } },
      onClosed: (_code, reason) => { if (!stopped && reason) { setNotice(reason); } },
    });
    socketRef.current = socket;
    mesh = new Mesh({
      selfId,
      iceServers: iceServers.map((s) => ({ urls: s.urls, username: s.username ?? undefined, credential: s.credential ?? undefined })),
      send: async (toId, kind, payload) => {
        await socket.ask({ type: 'signal', toId, kind, payload });
      },
      onStreams: (next) => setStreams(new Map(next)),
    });
    meshRef.current = mesh;

    const begin = async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      } catch {
        setNotice(t('briefing.noDevices'));
      }
      if (stopped) {
        stream?.getTracks().forEach((track) => track.stop());
        return undefined;
      }
      setLocal(stream);
      mesh?.setLocalStream(stream);
      return join();
    };
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    // heartbeats as often as the hub asks (it takes out whoever stays silent for longer)
    const beat = (seconds: number) => {
      clearInterval(heartbeat);
      heartbeat = setInterval(() => {
        void socket.ask({ type: 'heartbeat' }).then((answer) => {
          if (answer.errors.some((e) => e.code === 'NOT_IN_ROOM')) {
            return join();
          }
          return undefined;
        }).catch(() => undefined);
      }, seconds * 1000);
    };
    void begin().then((seconds) => {
      if (!stopped) {
        beat(seconds ?? 3);
      }
    }).catch((error) => setNotice(String(error?.message ?? error)));
    return () => {
      stopped = true;
      clearInterval(heartbeat);
      mesh?.close();
      stream?.getTracks().forEach((track) => track.stop());
      void socket.ask({ type: 'leave' }).catch(() => undefined).finally(() => socket.close());
    };
    // one room session per briefing and person
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, selfId]);

  const me = room?.participants.find((p) => p.person.id === selfId);
  const isPresenter = room?.presenterId === selfId;
  const isHost = briefing.host.id === selfId;
  const slides = briefing.slides;
  const current = shownSlide(follow || isPresenter, room?.currentSlide, own, slides.length);

  const toggle = (kind: 'video' | 'audio') => {
    const on = kind === 'video' ? !camera : !mic;
    local?.getTracks().filter((track) => track.kind === kind).forEach((track) => { track.enabled = on; });
    (kind === 'video' ? setCamera : setMic)(on);
  };
  const show = (position: number) => {
    if (isPresenter) {
      void socketRef.current?.ask({ type: 'slide', position });
    } else {
      setFollow(false);
      setOwn(position);
    }
  };
  const moderate = (userId: string, action: 'MAKE_PRESENTER' | 'ASK_TO_MUTE' | 'REMOVE') =>
    void moderateMutation({ input: { briefingId: id, userId, action } });

  return (
    <div className="room" data-testid="briefing-room">
      {notice && <p className="notice" role="status">{notice}</p>}
      <div className="room-grid">
        <div className="videos" aria-label={t('briefing.video')}>
          <VideoTile stream={local} label={t('briefing.you')} muted self />
          {[...streams.entries()].map(([peerId, stream]) => (
            <VideoTile key={peerId} stream={stream} peerId={peerId}
              label={room?.participants.find((p) => p.person.id === peerId)?.person.name ?? peerId} />
          ))}
          <div className="toolbar">
            <button type="button" className="button" aria-pressed={camera} onClick={() => toggle('video')}>
              {camera ? t('briefing.cameraOff') : t('briefing.cameraOn')}
            </button>
            <button type="button" className="button" aria-pressed={mic} onClick={() => toggle('audio')}>
              {mic ? t('briefing.micOff') : t('briefing.micOn')}
            </button>
            <button type="button" className="button" onClick={() => void socketRef.current?.ask({ type: 'hand', raised: !me?.handRaised })}>
              {me?.handRaised ? t('briefing.lowerHand') : t('briefing.raiseHand')}
            </button>
            <button type="button" className="button" onClick={onLeft}>{t('briefing.leave')}</button>
          </div>
          {me?.media === 'VIEWER' && <p className="hint">{t('briefing.viewerMode', { limit: room?.meshLimit })}</p>}
        </div>
        <div className="stage">
          <div className="slide-frame" data-testid="slide-frame" data-slide={current ?? ''}>
            {current === null ? <p className="hint">{t('briefing.noSlides')}</p> : (
              <SlideView slide={slides[current]} deckUrl={briefing.deck?.url ?? null} />
            )}
          </div>
          {current !== null && (
            <div className="toolbar">
              <button type="button" className="button" disabled={current <= 0} onClick={() => show(current - 1)}>{t('briefing.previous')}</button>
              <span data-testid="slide-position">{t('briefing.slideOf', { n: current + 1, count: slides.length })}</span>
              <button type="button" className="button" disabled={current >= slides.length - 1} onClick={() => show(current + 1)}>{t('briefing.next')}</button>
              {!isPresenter && !follow && (
                <button type="button" className="button button-primary" onClick={() => setFollow(true)}>{t('briefing.snapBack')}</button>
              )}
            </div>
          )}
          {isPresenter && current !== null && slides[current].notes && (
            <aside className="notes" aria-label={t('briefing.notes')}>{slides[current].notes}</aside>
          )}
        </div>
        <div className="side">
          <h2>{t('briefing.participants')}</h2>
          <ul className="participants" data-testid="participants">
            {room?.participants.map((p) => (
              <li key={p.person.id} data-person-id={p.person.id}>
                {p.person.name}
                {p.host && <span className="badge">{t('briefing.hostBadge')}</span>}
                {p.presenter && <span className="badge">{t('briefing.presenterBadge')}</span>}
                {p.handRaised && <span className="badge" aria-label={t('briefing.handUp')}>✋</span>}
                {p.media === 'VIEWER' && <span className="badge">{t('briefing.viewerBadge')}</span>}
                {isHost && p.person.id !== selfId && (
                  <span className="moderation">
                    <button type="button" className="button small" onClick={() => moderate(p.person.id, 'MAKE_PRESENTER')}>{t('briefing.makePresenter')}</button>
                    <button type="button" className="button small" onClick={() => moderate(p.person.id, 'ASK_TO_MUTE')}>{t('briefing.askToMute')}</button>
                    <button type="button" className="button small" onClick={() => moderate(p.person.id, 'REMOVE')}>{t('briefing.remove')}</button>
                  </span>
                )}
              </li>
            ))}
          </ul>
          <ChatPanel lines={chat} onSend={(text) => socketRef.current!.ask({ type: 'chat', text })
            .then((r) => r.errors[0]?.message ?? null)} />
        </div>
      </div>
    </div>
  );
}

function VideoTile({ stream, label, muted, self, peerId }: { stream: MediaStream | null; label: string; muted?: boolean; self?: boolean; peerId?: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) {
      ref.current.srcObject = stream;
    }
  }, [stream]);
  return (
    <figure className={self ? 'video self' : 'video'}>
      <video ref={ref} autoPlay playsInline muted={muted} data-peer-id={peerId} data-self={self ? 'true' : undefined} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

function ChatPanel({ lines, onSend }: { lines: ChatLine[]; onSend: (text: string) => Promise<string | null> }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { dateTime } = useFormat();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      return;
    }
    const refused = await onSend(text).catch((e: Error) => e.message);
    setError(refused);
    if (!refused) {
      setText('');
    }
  };
  return (
    <section className="chat" aria-label={t('briefing.chat')}>
      <h2>{t('briefing.chat')}</h2>
      <ol className="chat-lines" data-testid="chat-lines" aria-live="polite">
        {lines.map((line) => (
          <li key={line.id}><strong>{line.author.name}</strong> <time dateTime={line.at}>{dateTime(line.at)}</time><p>{line.text}</p></li>
        ))}
      </ol>
      <form onSubmit={submit}>
        <label className="field">{t('briefing.message')}
          <input value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} />
        </label>
        {error && <p role="alert">{error}</p>}
        <button type="submit" className="button">{t('briefing.send')}</button>
      </form>
    </section>
  );
}

function SlideView({ slide, deckUrl }: { slide: Slide; deckUrl: string | null }) {
  return (
    <figure className="slide" data-kind={slide.kind}>
      {slide.title && <figcaption className="slide-title">{slide.title}</figcaption>}
      {slide.kind === 'DECK_PAGE'
        ? <DeckPage url={deckUrl} page={slide.deckPage ?? 1} />
        : <LiveDataSlide query={slide.query ?? ''} view={slide.view ?? 'TABLE'} path={slide.valuePath} title={slide.title ?? ''} />}
    </figure>
  );
}

/** A page of the deck, drawn by pdf.js; the document is loaded once per URL. */
function DeckPage({ url, page }: { url: string | null; page: number }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<import('pdfjs-dist').PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!url) {
      return undefined;
    }
    let cancelled = false;
    void loadPdf(url).then((loaded) => { if (!cancelled) { setDoc(loaded); } }, () => setFailed(true));
    return () => { cancelled = true; };
  }, [url]);
  useEffect(() => {
    if (!doc || !canvas.current || page > doc.numPages) {
      return undefined;
    }
    let task: { cancel: () => void; promise: Promise<void> } | null = null;
    const target = canvas.current;
    void doc.getPage(page).then((p) => {
      const viewport = p.getViewport({ scale: 1.5 });
      target.width = viewport.width;
      target.height = viewport.height;
      task = p.render({ canvas: target, viewport });
      task.promise.then(() => target.setAttribute('data-rendered-page', String(page))).catch(() => undefined);
    });
    return () => task?.cancel();
  }, [doc, page]);
  if (!url) {
    return <p className="hint">{t('briefing.noDeck')}</p>;
  }
  if (failed) {
    return <p role="alert">{t('briefing.deckFailed')}</p>;
  }
  return <canvas ref={canvas} className="deck-page" aria-label={t('briefing.deckPage', { page })} />;
}

async function loadPdf(url: string) {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  return pdfjs.getDocument({ url, withCredentials: true }).promise;
}

/** A saved query, run with the viewer's own rights, again whenever an issue changes. */
function LiveDataSlide({ query, view, path, title }: { query: string; view: BriefingSlideView; path?: string | null; title: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const { number } = useFormat();
  const [data, setData] = useState<unknown>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(() => {
    void client.query(query, {}, { requestPolicy: 'network-only' }).toPromise().then((result) => {
      if (result.error) {
        setError(result.error.message);
      } else {
        setError(null);
        setData(result.data);
      }
    });
  }, [client, query]);
  useEffect(run, [run]);
  useIssueEvents(useCoalesced(run, 300));
  const rows = useMemo(() => rowsOf(data, path), [data, path]);
  if (error) {
    return <p role="alert">{error}</p>;
  }
  if (data === null) {
    return <p className="hint">{t('state.loading')}</p>;
  }
  if (view === 'KPI') {
    return <p className="slide-kpi" data-testid="kpi-value">{number(kpiOf(data, path))}</p>;
  }
  if (view === 'BAR' || view === 'LINE') {
    const option = {
      grid: { left: 120, right: 20, top: 10, bottom: 30 },
      xAxis: view === 'BAR' ? { type: 'value' } : { type: 'category', data: rows.map(labelOf) },
      yAxis: view === 'BAR' ? { type: 'category', data: rows.map(labelOf), inverse: true } : { type: 'value' },
      tooltip: {},
      series: [{ type: view === 'BAR' ? 'bar' : 'line', data: rows.map(valueOf) }],
    };
    return <Chart option={option} label={title} height={Math.max(200, rows.length * 24)} />;
  }
  const columns = columnsOf(rows);
  return (
    <table className="data-table">
      <thead><tr>{columns.map((c) => <th key={c}>{c}</th>)}</tr></thead>
      <tbody>{rows.map((row, n) => <tr key={n}>{columns.map((c) => <td key={c}>{String(row[c] ?? '')}</td>)}</tr>)}</tbody>
    </table>
  );
}

/** The host's tools for slides: upload the PDF deck (its pages become slides) and add live data slides. */
function SlideEditor({ briefing, onChanged }: { briefing: Briefing; onChanged: () => void }) {
  const { t } = useTranslation();
  const [, addSlides] = useMutation(AddSlides);
  const [message, setMessage] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [query, setQuery] = useState('{ issueCounts(by: DISTRICT, filter: {openOnly: true}) { key label count } }');
  const [view, setView] = useState<BriefingSlideView>('BAR');
  const [notes, setNotes] = useState('');

  const upload = async (file: File) => {
    const response = await fetch(`/api/briefings/${briefing.id}/deck`, {
      method: 'PUT', credentials: 'same-origin', body: file,
      headers: { ...writeHeaders(), 'Content-Type': 'application/pdf', 'X-File-Name': encodeURIComponent(file.name) },
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      setMessage(body.message ?? `${response.status}`);
      return;
    }
    const doc = await loadPdf(body.url);
    const pages = Array.from({ length: doc.numPages }, (_, n) => ({ kind: 'DECK_PAGE' as const, deckPage: n + 1,
      title: `${file.name} ${n + 1}` }));
    const added = await addSlides({ input: { briefingId: briefing.id, slides: pages } });
    setMessage(added.data?.addBriefingSlides.errors[0]?.message ?? t('briefing.deckUploaded', { count: doc.numPages }));
    onChanged();
  };
  const addLive = async (event: FormEvent) => {
    event.preventDefault();
    const added = await addSlides({ input: { briefingId: briefing.id, slides: [{ kind: 'LIVE_DATA', title, query, view,
      notes: notes || undefined }] } });
    const errors = added.data?.addBriefingSlides.errors ?? [];
    setMessage(errors.length ? errors.map((e) => e.message).join(' ') : t('briefing.slideAdded'));
    if (!errors.length) {
      onChanged();
    }
  };
  return (
    <div className="panel slide-editor">
      <h2>{t('briefing.slides')}</h2>
      <ol>{briefing.slides.map((s) => <li key={s.position}>{s.title ?? t(`briefing.kinds.${s.kind}`)}</li>)}</ol>
      <label className="field">{t('briefing.uploadDeck')}
        <input type="file" accept="application/pdf" data-testid="deck-upload"
          onChange={(e) => { const file = e.target.files?.[0]; if (file) { void upload(file); } }} />
      </label>
      <form onSubmit={addLive} aria-label={t('briefing.addLiveSlide')}>
        <h3>{t('briefing.addLiveSlide')}</h3>
        <label className="field">{t('briefing.fields.title')}<input value={title} onChange={(e) => setTitle(e.target.value)} /></label>
        <label className="field">{t('briefing.fields.query')}<textarea value={query} onChange={(e) => setQuery(e.target.value)} /></label>
        <label className="field">{t('briefing.fields.view')}
          <select value={view} onChange={(e) => setView(e.target.value as BriefingSlideView)}>
            {(['TABLE', 'BAR', 'LINE', 'KPI'] as const).map((v) => <option key={v} value={v}>{t(`briefing.views.${v}`)}</option>)}
          </select>
        </label>
        <label className="field">{t('briefing.notes')}<textarea value={notes} onChange={(e) => setNotes(e.target.value)} /></label>
        <button type="submit" className="button">{t('briefing.addSlide')}</button>
      </form>
      {message && <p role="status">{message}</p>}
    </div>
  );
}

function Minutes({ briefing, onChanged, canRecord }: { briefing: Briefing; onChanged: () => void; canRecord: boolean }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const [, decide] = useMutation(RecordDecision);
  const [text, setText] = useState('');
  const m = briefing.minutes;
  return (
    <div className="panel minutes">
      <h2>{t('briefing.minutes')}</h2>
      <h3>{t('briefing.decisions')}</h3>
      <ul>{m.decisions.map((d) => <li key={d.id}>{d.text}{d.issues.map((i) => <Link key={i.id} to={`/issues/${i.id}`}> · {i.title}</Link>)}</li>)}</ul>
      <h3>{t('briefing.actionItems')}</h3>
      <ul>{m.actionItems.map((a) => <li key={a.id}>{a.text} · {a.owner.name}{a.due ? ` · ${a.due}` : ''}</li>)}</ul>
      <h3>{t('briefing.attendance')}</h3>
      <ul data-testid="attendance">{m.attendance.map((a, n) => (
        <li key={n}>{a.person.name}: {dateTime(a.joinedAt)} – {a.leftAt ? dateTime(a.leftAt) : t('briefing.stillHere')}</li>
      ))}</ul>
      <h3>{t('briefing.slidesShown')}</h3>
      <ul>{m.slidesShown.map((s, n) => <li key={n}>{dateTime(s.at)} · {s.title ?? s.position + 1} · {s.byName}</li>)}</ul>
      {canRecord && briefing.status !== 'SCHEDULED' && (
        <form onSubmit={(e) => { e.preventDefault(); void decide({ input: { briefingId: briefing.id, text } }).then(() => { setText(''); onChanged(); }); }}>
          <label className="field">{t('briefing.newDecision')}<input value={text} onChange={(e) => setText(e.target.value)} /></label>
          <button type="submit" className="button" disabled={!text.trim()}>{t('briefing.record')}</button>
        </form>
      )}
    </div>
  );
}
