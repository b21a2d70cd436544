import { h, render } from 'preact';
import imageOverlayCss from '../../assets/image-overlay.css?inline';
import { IMAGE_OVERLAY_TAG } from '../dom/own-nodes';
import { ImageOverlay, type ImageOverlayProps } from './ImageOverlay';
import { createShadowMount } from './shadow-mount';

export interface ImageHost {
  readonly element: HTMLElement;
  render(props: ImageOverlayProps): void;
  /** Lays the host over `image`'s picture again (after a resize, a load, a layout change). */
  place(): void;
  /** Hides the overlay for a screenshot of the tab, and shows it again. */
  setHidden(hidden: boolean): void;
  destroy(): void;
}

/**
 * Where the picture is drawn inside an `<img>`'s box: `object-fit: contain` letterboxes it,
 * which RedNote's carousel uses for images of another shape than the slide.
 */
export function pictureBox(image: HTMLImageElement): { left: number; top: number; width: number; height: number } {
  const box = { left: image.offsetLeft, top: image.offsetTop, width: image.offsetWidth, height: image.offsetHeight };
  const { naturalWidth, naturalHeight } = image;
  if (!naturalWidth || !naturalHeight || getComputedStyle(image).objectFit !== 'contain') return box;
  const scale = Math.min(box.width / naturalWidth, box.height / naturalHeight);
  const width = naturalWidth * scale;
  const height = naturalHeight * scale;
  return { left: box.left + (box.width - width) / 2, top: box.top + (box.height - height) / 2, width, height };
}

/**
 * One image overlay in its own shadow root, right after the `<img>`: it shares the image's
 * containing block, so it moves and scales with the image and the carousel's slides.
 */
export function createImageHost(image: HTMLImageElement): ImageHost {
  const { element, mount } = createShadowMount(IMAGE_OVERLAY_TAG, imageOverlayCss);
  const place = () => {
    const box = pictureBox(image);
    Object.assign(element.style, {
      left: `${box.left}px`,
      top: `${box.top}px`,
      width: `${box.width}px`,
      height: `${box.height}px`,
    });
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
      render(h(ImageOverlay, props), mount);
    },
    place,
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
