/**
 * The briefing room's live socket: `/api/briefings/{id}/live`, plain JSON messages, authenticated by
 * the browser's session cookie at the handshake. Joining, presence heartbeats, chat, hands, slides and
 * WebRTC signals go over it, and the room's events come back on it, each serialized once by the hub
 * for the whole room (the GraphQL operations of the room remain, for other clients). Closing it
 * (leaving the page, a crash) takes the participant out of the room at once; heartbeats cover a
 * socket that hangs without closing. The protocol is described in the README ("Live briefing rooms").
 */

/** A person as the live socket gives them. */
export interface LivePerson {
  id: string;
  name?: string | null;
}

/** The schema's BriefingParticipant. */
export interface LiveParticipant {
  person: LivePerson;
  host: boolean;
  presenter: boolean;
  handRaised: boolean;
  media: 'MESH' | 'VIEWER';
  joinedAt: string;
}

/** The schema's BriefingRoom. */
export interface LiveRoom {
  presenterId?: string | null;
  currentSlide?: number | null;
  heartbeatSeconds: number;
  meshLimit: number;
  participants: LiveParticipant[];
}

/** The schema's BriefingChatMessage. */
export interface LiveChat {
  id: string;
  text: string;
  at: string;
  author: LivePerson;
}

export type LiveEventKind = 'JOINED' | 'LEFT' | 'HAND_CHANGED' | 'PRESENTER_CHANGED' | 'MUTE_REQUESTED' | 'REMOVED'
  | 'SLIDE_CHANGED' | 'SLIDES_CHANGED' | 'CHAT' | 'SIGNAL' | 'ENDED';

/** The schema's BriefingEvent; fields that do not apply are absent. */
export interface LiveEvent {
  kind: LiveEventKind;
  briefingId: string;
  at: string;
  actor?: LivePerson;
  subjectId?: string;
  room?: LiveRoom;
  chat?: LiveChat;
  slide?: number;
  signal?: { fromId: string; kind: 'OFFER' | 'ANSWER' | 'ICE'; payload: string };
}

/** A refusal, as the schema's UserError. */
export interface LiveError {
  field: string[];
  code: string;
  message: string;
}

/** The answer to a message: the refusals (none when it went through) and what the action returns. */
export interface LiveReply {
  errors: LiveError[];
  room?: LiveRoom;
  message?: LiveChat;
  delivered?: boolean;
}

export type LiveMessage =
  | { type: 'join' } | { type: 'leave' } | { type: 'heartbeat' }
  | { type: 'chat'; text: string }
  | { type: 'hand'; raised: boolean }
  | { type: 'slide'; position: number }
  | { type: 'signal'; toId: string; kind: 'OFFER' | 'ANSWER' | 'ICE'; payload: string };

export interface RoomSocketHandlers {
  onEvent: (event: LiveEvent) => void;
  /** The socket is (again) connected to the room; `again` after a reconnect, when the person must join again. */
  onReady?: (again: boolean) => void;
  /** The socket closed for good: the reason the hub gave, if any. */
  onClosed?: (code: number, reason: string | null) => void;
}

/** The live socket's address for a briefing, on the page's own host. */
export function liveRoomUrl(briefingId: string, location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/briefings/${encodeURIComponent(briefingId)}/live`;
}

/** Close codes after which reconnecting cannot help: normal end, refused, not live, token expired. */
export function isFinalClose(code: number): boolean {
  return code === 1000 || (code >= 4400 && code < 4500 && code !== 4429);
}

export class RoomSocket {
  private socket: WebSocket | null = null;
  private readonly pending = new Map<string, { resolve: (reply: LiveReply) => void; reject: (error: Error) => void }>();
  private waiting: string[] = [];
  private ready = false;
  private connected = false;
  private disposed = false;
  private attempts = 0;
  private refs = 0;

  constructor(briefingId: string, private readonly handlers: RoomSocketHandlers, private readonly url: string = liveRoomUrl(briefingId)) {
    this.connect();
  }

  private connect(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    let reason: string | null = null;
    socket.onmessage = (message) => {
      const frame = JSON.parse(String(message.data));
      switch (frame.type) {
        case 'ready': {
          const again = this.connected;
          this.ready = true;
          this.connected = true;
          this.attempts = 0;
          const waiting = this.waiting;
          this.waiting = [];
          waiting.forEach((text) => socket.send(text));
          this.handlers.onReady?.(again);
          break;
        }
        case 'event':
          this.handlers.onEvent(frame as LiveEvent);
          break;
        case 'reply': {
          const answer = this.pending.get(frame.ref);
          if (answer) {
            this.pending.delete(frame.ref);
            answer.resolve(frame as LiveReply);
          }
          break;
        }
        case 'closing':
          reason = frame.message ?? null;
          break;
        default:
      }
    };
    socket.onclose = (event) => {
      this.ready = false;
      const failed = new Error(reason ?? 'the room connection closed');
      this.pending.forEach((answer) => answer.reject(failed));
      this.pending.clear();
      if (this.disposed) {
        return;
      }
      if (!isFinalClose(event.code) && this.attempts < 5) {
        this.attempts++;
        setTimeout(() => { if (!this.disposed) { this.connect(); } }, 500 * 2 ** this.attempts);
        return;
      }
      this.handlers.onClosed?.(event.code, reason);
    };
  }

  /** Sends a message and resolves with its reply; rejects when the connection closes first. */
  ask(message: LiveMessage): Promise<LiveReply> {
    const ref = String(++this.refs);
    const text = JSON.stringify({ ...message, ref });
    return new Promise((resolve, reject) => {
      this.pending.set(ref, { resolve, reject });
      if (this.ready && this.socket?.readyState === WebSocket.OPEN) {
        this.socket.send(text);
      } else {
        this.waiting.push(text);
      }
    });
  }

  close(): void {
    this.disposed = true;
    this.waiting = [];
    this.socket?.close(1000);
  }
}
