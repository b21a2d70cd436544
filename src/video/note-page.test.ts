import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../tests/fakes/http';
import { fetchNotePage, isRedNoteOrigin, notePageTracks, notePageUrl } from './note-page';
import { SubtitleFetchError } from './subtitle-loader';

const PAGE = readFileSync(new URL('../../tests/fixtures/xhs/video_note.html', import.meta.url), 'utf8');
const NOTE = '68f30a0000000000aa000001';

let server: LocalServer;
let other: LocalServer;
const requests: { path: string; cookie: string | undefined }[] = [];

beforeAll(async () => {
  other = await startLocalServer((_request, _body, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end(PAGE);
  });
  server = await startLocalServer((request, _body, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname + url.search, cookie: request.headers.cookie });
    if (url.pathname.startsWith('/moved/')) {
      response.writeHead(302, { Location: `${other.url}/explore/${NOTE}` });
      response.end();
    } else if (url.pathname.startsWith('/login/')) {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<html><body>登录</body></html>');
    } else if (url.pathname.startsWith('/gone/')) {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('not found');
    } else {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end(PAGE);
    }
  });
});
afterAll(() => Promise.all([server.close(), other.close()]));

describe('notePageUrl', () => {
  it('builds the note’s own address on RedNote’s two sites', () => {
    expect(notePageUrl('https://www.xiaohongshu.com', NOTE, 'ABc=')).toBe(`https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=ABc%3D&xsec_source=pc_feed`);
    expect(notePageUrl('https://www.rednote.com', NOTE, 'ABc')).toBe(`https://www.rednote.com/explore/${NOTE}?xsec_token=ABc&xsec_source=pc_feed`);
    expect(isRedNoteOrigin('https://www.rednote.com')).toBe(true);
  });

  it('refuses any other origin, a malformed note id and a malformed token: a page cannot point the fetch elsewhere', () => {
    for (const origin of ['https://evil.example', 'http://www.xiaohongshu.com', 'https://xiaohongshu.com.evil.example', 'https://edith.xiaohongshu.com']) {
      expect(notePageUrl(origin, NOTE, 'AB')).toBeNull();
    }
    expect(notePageUrl('https://www.xiaohongshu.com', '../../x', 'AB')).toBeNull();
    expect(notePageUrl('https://www.xiaohongshu.com', NOTE, 'a&b=c')).toBeNull();
    expect(notePageUrl('https://www.xiaohongshu.com', NOTE, '')).toBeNull();
  });
});

describe('notePageTracks', () => {
  it('reads the tracks from the state of the note’s page', async () => {
    const tracks = await notePageTracks(`${server.url}/explore/${NOTE}?xsec_token=AB`, NOTE);
    expect(tracks.map((track) => track.group).sort()).toEqual(['en-US', 'source', 'zh-CN']);
    expect(tracks.every((track) => track.url.startsWith('https://sns-subtitle-'))).toBe(true);
  });

  it('gives no tracks for a note the page lists without subtitles', async () => {
    expect(await notePageTracks(`${server.url}/explore/68f30a0000000000aa000003`, '68f30a0000000000aa000003')).toEqual([]);
  });

  it('fails with no-state on a page without the note (a login wall), and gone on a 404', async () => {
    await expect(notePageTracks(`${server.url}/login/${NOTE}`, NOTE)).rejects.toMatchObject({ failure: 'no-state' });
    await expect(notePageTracks(`${server.url}/gone/${NOTE}`, NOTE)).rejects.toMatchObject({ failure: 'gone' });
  });
});

describe('fetchNotePage', () => {
  it('refuses a page that redirects to another site', async () => {
    const error = await fetchNotePage(`${server.url}/moved/${NOTE}`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SubtitleFetchError);
    expect(error).toMatchObject({ failure: 'http' });
  });
});
