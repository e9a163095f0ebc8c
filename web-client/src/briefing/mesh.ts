/**
 * The video of a briefing: browser-to-browser WebRTC. Participants in the mesh (the first six by
 * default, the presenter always among them) exchange audio and video with each other; those past
 * the mesh limit receive the presenter's stream only. Offers, answers and ICE candidates travel
 * through the hub's `sendBriefingSignal`, addressed to one participant. Of each pair, the one whose
 * id sorts first makes the offer, so that two browsers never offer to each other at once.
 *
 * An SFU (LiveKit, Jitsi Videobridge) would replace this class: the same room events decide who
 * sends and who receives; only the transport changes (see the README).
 */

export type Media = 'MESH' | 'VIEWER';

export interface Peer {
  id: string;
  media: Media;
  presenter: boolean;
}

export type SignalKind = 'OFFER' | 'ANSWER' | 'ICE';

export interface MeshOptions {
  selfId: string;
  iceServers: RTCIceServer[];
  send: (toId: string, kind: SignalKind, payload: string) => Promise<void>;
  onStreams: (streams: Map<string, MediaStream>) => void;
}

interface Link {
  pc: RTCPeerConnection;
  stream: MediaStream;
  pending: RTCIceCandidateInit[];
}

/** Whether two participants exchange media, and in which directions. */
export function wantsLink(self: Peer, other: Peer): boolean {
  if (self.id === other.id) {
    return false;
  }
  if (self.media === 'MESH' && other.media === 'MESH') {
    return true;
  }
  return (self.presenter && other.media === 'VIEWER') || (other.presenter && self.media === 'VIEWER');
}

export class Mesh {
  private readonly options: MeshOptions;
  private readonly links = new Map<string, Link>();
  private local: MediaStream | null = null;
  private self: Peer | null = null;
  private closed = false;

  constructor(options: MeshOptions) {
    this.options = options;
  }

  setLocalStream(stream: MediaStream | null): void {
    this.local = stream;
  }

  /** Brings the links in line with who is in the room now. */
  update(peers: Peer[]): void {
    if (this.closed) {
      return;
    }
    const self = peers.find((p) => p.id === this.options.selfId);
    if (!self) {
      return;
    }
    const roleChanged = this.self !== null && (this.self.media !== self.media || this.self.presenter !== self.presenter);
    this.self = self;
    const wanted = new Set(peers.filter((p) => wantsLink(self, p)).map((p) => p.id));
    for (const [id] of this.links) {
      if (!wanted.has(id) || roleChanged) {
        this.drop(id);
      }
    }
    for (const id of wanted) {
      if (!this.links.has(id) && this.options.selfId < id) {
        void this.offer(id);
      }
    }
    this.publish();
  }

  async receive(fromId: string, kind: SignalKind, payload: string): Promise<void> {
    if (this.closed) {
      return;
    }
    const message = JSON.parse(payload) as { sdp?: RTCSessionDescriptionInit; candidate?: RTCIceCandidateInit };
    if (kind === 'OFFER' && message.sdp) {
      this.drop(fromId);
      const link = this.link(fromId);
      await link.pc.setRemoteDescription(message.sdp);
      await this.flush(link);
      const answer = await link.pc.createAnswer();
      await link.pc.setLocalDescription(answer);
      await this.options.send(fromId, 'ANSWER', JSON.stringify({ sdp: link.pc.localDescription }));
    } else if (kind === 'ANSWER' && message.sdp) {
      const link = this.links.get(fromId);
      if (link && link.pc.signalingState === 'have-local-offer') {
        await link.pc.setRemoteDescription(message.sdp);
        await this.flush(link);
      }
    } else if (kind === 'ICE' && message.candidate) {
      const link = this.links.get(fromId);
      if (!link) {
        return;
      }
      if (link.pc.remoteDescription) {
        await link.pc.addIceCandidate(message.candidate).catch(() => undefined);
      } else {
        link.pending.push(message.candidate);
      }
    }
  }

  close(): void {
    this.closed = true;
    for (const [id] of this.links) {
      this.drop(id);
    }
    this.publish();
  }

  private async offer(id: string): Promise<void> {
    const link = this.link(id);
    const offer = await link.pc.createOffer();
    await link.pc.setLocalDescription(offer);
    await this.options.send(id, 'OFFER', JSON.stringify({ sdp: link.pc.localDescription }));
  }

  private link(id: string): Link {
    const pc = new RTCPeerConnection({ iceServers: this.options.iceServers });
    const link: Link = { pc, stream: new MediaStream(), pending: [] };
    const sends = this.self?.media === 'MESH' || this.self?.presenter;
    if (this.local && sends) {
      for (const track of this.local.getTracks()) {
        pc.addTrack(track, this.local);
      }
    } else {
      // a viewer only receives: ask for the presenter's audio and video
      pc.addTransceiver('audio', { direction: 'recvonly' });
      pc.addTransceiver('video', { direction: 'recvonly' });
    }
    pc.onicecandidate = (event) => {
      if (event.candidate) {
        void this.options.send(id, 'ICE', JSON.stringify({ candidate: event.candidate.toJSON() })).catch(() => undefined);
      }
    };
    pc.ontrack = (event) => {
      link.stream.addTrack(event.track);
      this.publish();
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed') {
        this.drop(id);
        this.publish();
      }
    };
    this.links.set(id, link);
    return link;
  }

  private async flush(link: Link): Promise<void> {
    for (const candidate of link.pending.splice(0)) {
      await link.pc.addIceCandidate(candidate).catch(() => undefined);
    }
  }

  private drop(id: string): void {
    const link = this.links.get(id);
    if (link) {
      link.pc.close();
      this.links.delete(id);
    }
  }

  private publish(): void {
    const streams = new Map<string, MediaStream>();
    for (const [id, link] of this.links) {
      if (link.stream.getTracks().length > 0) {
        streams.set(id, link.stream);
      }
    }
    this.options.onStreams(streams);
  }
}
