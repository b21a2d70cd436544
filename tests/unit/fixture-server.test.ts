import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInitialState, subtitleTracksOf } from '../../src/sites/xiaohongshu/video-state';
import { startFixtureServer, type FixtureServer } from '../fakes/fixture-server';

/** The fixture server (tests/fakes/fixture-server.ts): byte ranges for the video, and the note pages' own addresses. */
const VIDEO = readFileSync(new URL('../fixtures/xhs/video/dali.webm', import.meta.url));
const VIDEO_NOTE = readFileSync(new URL('../fixtures/xhs/video_note.html', import.meta.url), 'utf8');
const CHINESE_ONLY = '68f30a0000000000aa000002';
/** feed.html's first video card (pub-card-10), also a note of video_note.html. */
const FEED_VIDEO = '68e8f54000000000e54aa5e2';

let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer();
});

afterAll(async () => {
  await server?.close();
});

const video = (headers: Record<string, string> = {}) => fetch(`${server.url}/xhs/video/dali.webm`, { headers });

describe('fixture server: byte ranges', () => {
  it('sends the whole file with Accept-Ranges when no range is asked for', async () => {
    const response = await video();
    expect(response.status).toBe(200);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-type')).toBe('video/webm');
    expect(response.headers.get('content-length')).toBe(String(VIDEO.length));
    expect(Buffer.from(await response.arrayBuffer()).equals(VIDEO)).toBe(true);
  });

  it('answers bytes=a-b with 206, Content-Range and exactly those bytes', async () => {
    const response = await video({ Range: 'bytes=100-199' });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 100-199/${VIDEO.length}`);
    expect(response.headers.get('content-length')).toBe('100');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-type')).toBe('video/webm');
    expect(Buffer.from(await response.arrayBuffer()).equals(VIDEO.subarray(100, 200))).toBe(true);
  });

  it('answers bytes=a- and bytes=-n with the rest and the last n bytes, and cuts a range at the end of the file', async () => {
    const rest = await video({ Range: `bytes=${VIDEO.length - 10}-` });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toBe(`bytes ${VIDEO.length - 10}-${VIDEO.length - 1}/${VIDEO.length}`);
    expect(Buffer.from(await rest.arrayBuffer()).equals(VIDEO.subarray(VIDEO.length - 10))).toBe(true);

    const last = await video({ Range: 'bytes=-16' });
    expect(last.status).toBe(206);
    expect(Buffer.from(await last.arrayBuffer()).equals(VIDEO.subarray(VIDEO.length - 16))).toBe(true);

    const past = await video({ Range: `bytes=0-${VIDEO.length + 1000}` });
    expect(past.status).toBe(206);
    expect(past.headers.get('content-range')).toBe(`bytes 0-${VIDEO.length - 1}/${VIDEO.length}`);
    expect(Buffer.from(await past.arrayBuffer()).equals(VIDEO)).toBe(true);
  });

  it('answers a range that starts past the end with 416 and the size', async () => {
    const response = await video({ Range: `bytes=${VIDEO.length}-` });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${VIDEO.length}`);
    await response.arrayBuffer();
  });

  it('sends the whole file for a Range header it cannot read', async () => {
    for (const range of ['items=0-10', 'bytes=20-10', 'bytes=0-1,5-9']) {
      const response = await video({ Range: range });
      expect(response.status, range).toBe(200);
      expect((await response.arrayBuffer()).byteLength, range).toBe(VIDEO.length);
    }
  });
});

describe('fixture server: a note’s own page', () => {
  it('serves video_note.html at /explore/<id> with its query, and records the request', async () => {
    const before = server.notePageRequests.length;
    const response = await fetch(`${server.url}/explore/${CHINESE_ONLY}?xsec_token=x`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html.replace(/<script>Object\.assign\(window\.__FIXTURE_CONFIG__, [^<]*<\/script>/, '')).toBe(VIDEO_NOTE);
    expect(server.notePageRequests.slice(before)).toEqual([`/explore/${CHINESE_ONLY}?xsec_token=x`]);
    expect(subtitleTracksOf(parseInitialState(html), CHINESE_ONLY)).toEqual([
      { group: 'zh-CN', language: 'zh-CN', url: expect.stringMatching(/^https:\/\/sns-subtitle-hw\.xhscdn\.com\/subtitle\/vlog02_zh\.srt\?/) },
    ]);
  });

  it('serves it at /discovery/item/<id> too, and holds the tracks of feed.html’s first video note', async () => {
    const before = server.notePageRequests.length;
    const path = `/discovery/item/${FEED_VIDEO}?xsec_token=ABSiJxFV30WT0ApvqspLG5oP5n4ECuk2QPdWoG1YFjl%3D&xsec_source=pc_feed`;
    const html = await (await fetch(server.url + path)).text();
    expect(server.notePageRequests.slice(before)).toEqual([path]);
    const tracks = subtitleTracksOf(parseInitialState(html), FEED_VIDEO);
    expect(tracks?.map((track) => [track.group, new URL(track.url).pathname])).toEqual([
      ['source', '/subtitle/vlog04_source.srt'],
      ['en-US', '/subtitle/vlog04_en.srt'],
      ['zh-CN', '/subtitle/vlog04_zh.srt'],
    ]);
  });

  it('records no other request, and answers other paths under /explore/ with 404', async () => {
    const before = server.notePageRequests.length;
    expect((await fetch(`${server.url}/xhs/video_note.html?note=${CHINESE_ONLY}`)).status).toBe(200);
    expect((await fetch(`${server.url}/explore/not-a-note-id`)).status).toBe(404);
    expect((await fetch(`${server.url}/explore/${CHINESE_ONLY}/comments`)).status).toBe(404);
    expect(server.notePageRequests.length).toBe(before);
  });
});
