import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';

/** The xterm of a Shell tab, fitted to its element. */
export interface TerminalHandle {
  write(data: Uint8Array | string): void;
  /** Keystrokes and pastes, as the process should receive them. */
  onData(listener: (data: string) => void): () => void;
  /** The size in cells now, and whenever the element is resized. */
  onResize(listener: (cols: number, rows: number) => void): () => void;
  readonly cols: number;
  readonly rows: number;
  reset(): void;
  focus(): void;
  dispose(): void;
}

/**
 * Opens xterm in `host` with the DOM renderer (xterm's default: the text is real DOM text, so assistive
 * technology and tests can read it) and the fit addon, refitted whenever `host` changes size.
 * Ctrl+Shift+C copies the selection and Ctrl+Shift+V pastes (Ctrl+C stays the interrupt).
 */
export function openTerminal(host: HTMLElement): TerminalHandle {
  const term = new Terminal({
    cursorBlink: true,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    fontSize: 13,
    scrollback: 5000,
    convertEol: false,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  term.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
    if (event.code === 'KeyC') {
      const selection = term.getSelection();
      if (selection) void navigator.clipboard?.writeText(selection).catch(() => {});
      return false;
    }
    if (event.code === 'KeyV') {
      void navigator.clipboard
        ?.readText()
        .then((text) => term.paste(text))
        .catch(() => {});
      return false;
    }
    return true;
  });
  const refit = () => {
    if (host.clientWidth > 0 && host.clientHeight > 0) fit.fit();
  };
  const observer = new ResizeObserver(() => refit());
  observer.observe(host);
  refit();
  return {
    write: (data) => term.write(data),
    onData(listener) {
      const d = term.onData(listener);
      return () => d.dispose();
    },
    onResize(listener) {
      const d = term.onResize(({ cols, rows }) => listener(cols, rows));
      return () => d.dispose();
    },
    get cols() {
      return term.cols;
    },
    get rows() {
      return term.rows;
    },
    reset: () => term.reset(),
    focus: () => term.focus(),
    dispose() {
      observer.disconnect();
      term.dispose();
    },
  };
}
