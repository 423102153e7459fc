import { createContext, createSignal, For, type JSX, onCleanup, useContext } from 'solid-js';
import { IconButton } from './Button.tsx';

/** How a toast reads: `error` toasts are alerts and stay until dismissed. */
export type ToastTone = 'ok' | 'info' | 'warning' | 'error';

/** One action result to tell the user. */
export interface ToastInput {
  tone: ToastTone;
  title: string;
  message?: string;
}

/** A toast on screen. */
export interface Toast extends ToastInput {
  id: number;
}

/** What {@link useToasts} gives: show a toast, dismiss one. */
export interface Toasts {
  /** Shows a toast; `ok`/`info`/`warning` ones go after 6 s. Returns its id. */
  show(toast: ToastInput): number;
  dismiss(id: number): void;
  list(): readonly Toast[];
}

/** The toasts of a page: the shell provides it, and again inside each plugin's Solid root. */
export const ToastContext = createContext<Toasts>();

/**
 * A page's toast list (not rendered: {@link Toaster} renders it).
 *
 * @example
 * const toasts = createToasts();
 */
export function createToasts(timeoutMs = 6_000): Toasts {
  const [list, setList] = createSignal<readonly Toast[]>([]);
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let next = 1;
  onCleanup(() => {
    for (const timer of timers) clearTimeout(timer);
  });
  const dismiss = (id: number) => setList((all) => all.filter((t) => t.id !== id));
  return {
    list,
    dismiss,
    show(toast) {
      const id = next++;
      setList((all) => [...all.slice(-4), { ...toast, id }]);
      if (toast.tone !== 'error') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          dismiss(id);
        }, timeoutMs);
        timers.add(timer);
      }
      return id;
    },
  };
}

/**
 * Provides {@link useToasts} to its children and shows the toasts in a corner: results as
 * `role="status"` (announced politely), failures as `role="alert"` (announced at once, kept until
 * dismissed).
 *
 * @example
 * <Toaster><App /></Toaster>
 * // inside: useToasts().show({ tone: 'ok', title: 'Deleted pod web-1' });
 */
export function Toaster(props: { children?: JSX.Element; toasts?: Toasts }) {
  const toasts = props.toasts ?? createToasts();
  return (
    <ToastContext.Provider value={toasts}>
      {props.children}
      <section class="pt-toaster" aria-label="Notifications">
        <For each={toasts.list()}>
          {(toast) => (
            <div
              class={`pt-toast pt-toast-${toast.tone}`}
              role={toast.tone === 'error' ? 'alert' : 'status'}
              data-testid="toast"
            >
              <div class="pt-toast-body">
                <strong>{toast.title}</strong>
                {toast.message ? <p>{toast.message}</p> : null}
              </div>
              <IconButton
                label="Dismiss notification"
                icon="✕"
                size="small"
                onClick={() => toasts.dismiss(toast.id)}
              />
            </div>
          )}
        </For>
      </section>
    </ToastContext.Provider>
  );
}

/**
 * The page's toasts, from the nearest {@link Toaster}.
 *
 * @example
 * const toasts = useToasts();
 * toasts.show({ tone: 'error', title: 'Could not scale web', message: status.message });
 */
export function useToasts(): Toasts {
  const toasts = useContext(ToastContext);
  if (!toasts) throw new Error('useToasts: no <Toaster> above this component (the shell provides one)');
  return toasts;
}
