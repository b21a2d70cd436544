/**
 * Video notes' subtitles (issue 31): each note video gets captions over it and a transcript
 * under the note (video-view.ts), from RedNote's own subtitle tracks: the English one shown as
 * it is, else the Chinese one translated through the same client, cache and backends as any text.
 */
import { sendToBackground } from '../messaging/send';
import { stopWhenAborted, type Feature } from './feature';
import { createVideoView, type VideoView, type VideoViewOptions } from './video-view';

export const videoSubtitles: Feature = {
  name: 'video subtitles',
  // The subtitles' language is applied in place (settingsChanged): a restart would load every
  // video's subtitles again and close the menu the reader chose it in.
  runsWith: ({ videoSubtitles, targetLanguage, backend }) => (videoSubtitles === 'off' ? null : JSON.stringify([targetLanguage, backend])),
  start({ settings, sites, client, stats, changes, signal }) {
    const site = sites.videos;
    const views = new Map<HTMLVideoElement, VideoView>();
    /** The setting as this tab last knew it; the switch on a video sets it too. */
    let language = settings.subtitleLanguage;
    const options: VideoViewOptions = {
      site,
      load: (request) => sendToBackground({ type: 'subtitles', ...request }),
      translate: (text: string, retry: boolean) => client.translate({ text, mentions: [] }, retry),
      language: () => language,
      rememberLanguage(chosen) {
        // Its echo from the background (settingsChanged) then changes nothing.
        language = chosen;
        sendToBackground({ type: 'set-subtitle-language', language: chosen }).catch((error: unknown) =>
          console.warn('[RedBridge] could not remember the subtitle language', error),
        );
      },
      stats,
    };

    const add = (element: Element) => {
      if (!(element instanceof HTMLVideoElement) || views.has(element)) return;
      const note = site.videoNoteOf(element);
      if (note) views.set(element, createVideoView(note, options));
    };
    const scan = (root: ParentNode) => {
      if (root instanceof Element && root.matches(site.videoSelector)) add(root);
      for (const element of root.querySelectorAll(site.videoSelector)) add(element);
    };

    scan(document);
    const unsubscribe = changes.subscribe((records) => {
      let removed = false;
      for (const record of records) {
        for (const node of record.addedNodes) if (node instanceof Element) scan(node);
        if (record.removedNodes.length > 0) removed = true;
      }
      if (!removed) return;
      for (const [element, view] of views) {
        if (element.isConnected) continue;
        view.destroy();
        views.delete(element);
      }
    });
    stopWhenAborted(signal, () => {
      unsubscribe();
      for (const view of views.values()) view.destroy();
      views.clear();
    });
    return {
      settingsChanged({ subtitleLanguage }) {
        if (subtitleLanguage === language) return;
        language = subtitleLanguage;
        for (const view of views.values()) view.showLanguage(language);
      },
    };
  },
};
