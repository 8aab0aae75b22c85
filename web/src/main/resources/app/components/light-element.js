// The app's elements render into the page itself (no shadow root), so one stylesheet styles them all.
import { LitElement } from 'lit';

export class LightElement extends LitElement {
  createRenderRoot() {
    return this;
  }
}

/** Navigates inside the app without reloading the page. */
export function navigate(path, { replace = false } = {}) {
  if (location.pathname === path) return;
  history[replace ? 'replaceState' : 'pushState']({}, '', path);
  window.dispatchEvent(new Event('app-navigate'));
}
