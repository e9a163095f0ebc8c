import { describe, expect, it } from 'vitest';
import { wantsLink, type Peer } from './mesh';

const peer = (id: string, media: 'MESH' | 'VIEWER', presenter = false): Peer => ({ id, media, presenter });

describe('who exchanges video with whom', () => {
  it('links everyone in the mesh', () => {
    expect(wantsLink(peer('a', 'MESH'), peer('b', 'MESH'))).toBe(true);
    expect(wantsLink(peer('a', 'MESH'), peer('a', 'MESH'))).toBe(false);
  });

  it('links viewers past the mesh limit to the presenter only', () => {
    expect(wantsLink(peer('v', 'VIEWER'), peer('p', 'MESH', true))).toBe(true);
    expect(wantsLink(peer('p', 'MESH', true), peer('v', 'VIEWER'))).toBe(true);
    expect(wantsLink(peer('v', 'VIEWER'), peer('m', 'MESH'))).toBe(false);
    expect(wantsLink(peer('v', 'VIEWER'), peer('w', 'VIEWER'))).toBe(false);
  });
});
