/** RedNote's hosts: the pages the content script runs on in a release build. */
export const REDNOTE_MATCHES = ['*://www.xiaohongshu.com/*', '*://www.rednote.com/*'];
