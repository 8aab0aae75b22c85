// Markdown to safe HTML: marked renders (GitHub flavour), DOMPurify removes anything that could run
// or restyle the page, and highlight.js colours code blocks once they are in the page.
import { marked } from 'marked';
import DOMPurify from 'dompurify';

marked.setOptions({ gfm: true, breaks: false });

DOMPurify.addHook('afterSanitizeAttributes', node => {
  if (node.tagName === 'A' && node.getAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
});

const PURIFY = {
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe'],
  FORBID_ATTR: ['style'],
};

export function renderMarkdown(text) {
  return DOMPurify.sanitize(marked.parse(text || ''), PURIFY);
}

/** Highlights the code blocks of a rendered message and gives each a copy button. */
export function decorateCode(container) {
  for (const code of container.querySelectorAll('pre > code')) {
    const pre = code.parentElement;
    if (!code.dataset.highlighted && globalThis.hljs) {
      try { globalThis.hljs.highlightElement(code); } catch { /* an unknown language stays plain */ }
    }
    if (!pre.querySelector(':scope > .copy-code')) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy-code';
      button.textContent = 'Copy';
      button.setAttribute('aria-label', 'Copy code');
      button.addEventListener('click', () => copyText(code.textContent, button));
      pre.prepend(button);
    }
  }
}

export async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  if (button) {
    const label = button.textContent;
    button.textContent = 'Copied';
    setTimeout(() => { button.textContent = label; }, 1500);
  }
}
