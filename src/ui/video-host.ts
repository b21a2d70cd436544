import { h, render } from 'preact';
import slangCss from '../../assets/slang.css?inline';
import videoCss from '../../assets/video.css?inline';
import { TRANSCRIPT_TAG, VIDEO_CAPTIONS_TAG } from '../dom/own-nodes';
import type { Slot } from '../sites/types';
import { pictureBox } from './image-host';
import { createShadowMount } from './shadow-mount';
import { VideoCaptions, type VideoCaptionsProps } from './VideoCaptions';
import { VideoTranscript, type VideoTranscriptProps } from './VideoTranscript';

/** Caption text at scale 1: a share of the picture, as TV captions are, within readable bounds. */
function captionFontPx(picture: { width: number; height: number }): number {
  return Math.min(40, Math.max(12, Math.min(picture.width * 0.05, picture.height * 0.045)));
}

export interface CaptionHost {
  render(props: VideoCaptionsProps): void;
  destroy(): void;
}

/**
 * The captions in their own shadow root, right after the `<video>` and laid over its box: they
 * share the video's containing block, so they move and scale with the player, in fullscreen
 * too when the player's own box goes fullscreen (as RedNote's player does). The picture's place
 * in the box (letterboxed by `object-fit: contain`) goes to the styles as custom properties.
 */
export function createCaptionHost(video: HTMLVideoElement): CaptionHost {
  const { element, mount } = createShadowMount(VIDEO_CAPTIONS_TAG, videoCss);
  const place = () => {
    const box = { left: video.offsetLeft, top: video.offsetTop, width: video.offsetWidth, height: video.offsetHeight };
    const picture = pictureBox(getComputedStyle(video).objectFit, box, { width: video.videoWidth, height: video.videoHeight });
    Object.assign(element.style, { left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` });
    for (const [side, value] of Object.entries(picture)) element.style.setProperty(`--rb-picture-${side}`, `${value}px`);
    element.style.setProperty('--rb-caption-font', `${captionFontPx(picture)}px`);
  };
  video.after(element);
  place();
  const resize = new ResizeObserver(place);
  resize.observe(video);
  video.addEventListener('loadedmetadata', place);
  return {
    render: (props) => render(h(VideoCaptions, props), mount),
    destroy() {
      resize.disconnect();
      video.removeEventListener('loadedmetadata', place);
      render(null, mount);
      element.remove();
    },
  };
}

export interface TranscriptHost {
  render(props: VideoTranscriptProps): void;
  destroy(): void;
}

/** The transcript in its own shadow root, under the note's text. */
export function createTranscriptHost(slot: Slot): TranscriptHost {
  const { element, mount } = createShadowMount(TRANSCRIPT_TAG, videoCss + slangCss);
  slot.parent.insertBefore(element, slot.before);
  return {
    render(props) {
      element.setAttribute('data-state', props.state.status);
      render(h(VideoTranscript, props), mount);
    },
    destroy() {
      render(null, mount);
      element.remove();
    },
  };
}
