import { h, render } from 'preact';
import imageOverlayCss from '../../assets/image-overlay.css?inline';
import { IMAGE_OVERLAY_TAG } from '../dom/own-nodes';
import { ImageOverlay, type ImageOverlayProps } from './ImageOverlay';
import { createShadowMount } from './shadow-mount';

export interface ImageHost {
  readonly element: HTMLElement;
  render(props: ImageOverlayProps): void;
  /** Where the picture shows, in viewport pixels (a screenshot is cropped to it). */
  pictureRect(): DOMRect;
  /** Hides the overlay for a screenshot of the tab, and shows it again. */
  setHidden(hidden: boolean): void;
  destroy(): void;
}

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Where the picture is drawn relative to its `<img>` box: `object-fit: contain` letterboxes it
 * (RedNote's carousel), `cover` crops it (feed covers), anything else fills the box.
 */
export function pictureBox(fit: string, box: { width: number; height: number }, natural: { width: number; height: number }): Box {
  const whole = { left: 0, top: 0, width: box.width, height: box.height };
  if (!natural.width || !natural.height || (fit !== 'contain' && fit !== 'cover')) return whole;
  const scales = [box.width / natural.width, box.height / natural.height];
  const scale = fit === 'contain' ? Math.min(...scales) : Math.max(...scales);
  const width = natural.width * scale;
  const height = natural.height * scale;
  return { left: (box.width - width) / 2, top: (box.height - height) / 2, width, height };
}

/**
 * One image overlay in its own shadow root, right after the `<img>` and laid over its box: it
 * shares the image's containing block, so it moves and scales with the image and the carousel's
 * slides, and changes no layout. The picture's place inside the box goes to the overlay's
 * styles as custom properties, so the blocks sit on the picture itself.
 */
export function createImageHost(image: HTMLImageElement): ImageHost {
  const { element, mount } = createShadowMount(IMAGE_OVERLAY_TAG, imageOverlayCss);
  let lastProps: ImageOverlayProps | null = null;
  /** The picture's shown width: the panels' text is sized from it, so a new width renders again. */
  let pictureWidth = 0;
  const draw = () => {
    if (lastProps) render(h(ImageOverlay, { ...lastProps, pictureWidth }), mount);
  };
  const place = () => {
    const box = { left: image.offsetLeft, top: image.offsetTop, width: image.offsetWidth, height: image.offsetHeight };
    const picture = pictureBox(getComputedStyle(image).objectFit, box, { width: image.naturalWidth, height: image.naturalHeight });
    Object.assign(element.style, { left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` });
    for (const [side, value] of Object.entries(picture)) element.style.setProperty(`--rb-picture-${side}`, `${value}px`);
    if (Math.abs(picture.width - pictureWidth) >= 1) {
      pictureWidth = picture.width;
      draw();
    }
  };
  image.after(element);
  place();
  const resize = new ResizeObserver(place);
  resize.observe(image);
  image.addEventListener('load', place);
  return {
    element,
    render(props) {
      element.setAttribute('data-state', props.state.status);
      lastProps = props;
      draw();
    },
    pictureRect() {
      const box = image.getBoundingClientRect();
      const picture = pictureBox(getComputedStyle(image).objectFit, box, { width: image.naturalWidth, height: image.naturalHeight });
      return new DOMRect(box.left + picture.left, box.top + picture.top, picture.width, picture.height);
    },
    setHidden(hidden) {
      element.style.visibility = hidden ? 'hidden' : '';
    },
    destroy() {
      resize.disconnect();
      image.removeEventListener('load', place);
      render(null, mount);
      element.remove();
    },
  };
}
