import { defineContentScript } from 'wxt/utils/define-content-script';
import { REDNOTE_MATCHES } from '../src/sites/xiaohongshu/matches';
import { answerSubtitleRequests } from '../src/sites/xiaohongshu/video-state-bridge';

/**
 * Chrome only: runs in the page's own world, where RedNote's state is, and answers the content
 * script's requests for a video note's subtitle tracks (video-state-bridge.ts). It reads nothing
 * else and sends nothing anywhere. Firefox's content script reads the state itself.
 */
export default defineContentScript({
  matches: REDNOTE_MATCHES,
  world: 'MAIN',
  include: ['chrome'],
  runAt: 'document_start',
  main() {
    answerSubtitleRequests(window);
  },
});
