import { describe, expect, it } from 'vitest';
import { isFinalClose, liveRoomUrl } from './socket';

describe('the live room socket', () => {
  it('lives on the page\'s own host, wss: under https', () => {
    expect(liveRoomUrl('brf_1', { protocol: 'http:', host: 'localhost:8080' })).toBe('ws://localhost:8080/api/briefings/brf_1/live');
    expect(liveRoomUrl('brf_1', { protocol: 'https:', host: 'hub.example' })).toBe('wss://hub.example/api/briefings/brf_1/live');
  });

  it('reconnects after a dropped connection or being too slow, not after a refusal or the end', () => {
    expect(isFinalClose(1006)).toBe(false);
    expect(isFinalClose(4429)).toBe(false);
    expect(isFinalClose(1000)).toBe(true);
    expect(isFinalClose(4403)).toBe(true);
    expect(isFinalClose(4401)).toBe(true);
    expect(isFinalClose(4409)).toBe(true);
  });
});
