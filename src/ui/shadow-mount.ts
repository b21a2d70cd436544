/**
 * A custom-named element with an open shadow root (tests read it), holding `css` and an empty
 * `mount` for Preact. The name needs no registration: content scripts have no
 * `customElements`, and any name with a hyphen may host a shadow root.
 */
export function createShadowMount(tag: string, css: string): { element: HTMLElement; mount: HTMLElement } {
  const element = document.createElement(tag);
  const shadow = element.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const mount = document.createElement('div');
  shadow.append(style, mount);
  return { element, mount };
}
