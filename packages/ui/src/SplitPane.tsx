import { createSignal, type JSX } from 'solid-js';

/** Props of {@link SplitPane}. */
export interface SplitPaneProps {
  /** The first (left or top) pane. */
  start: JSX.Element;
  /** The second (right or bottom) pane. */
  end: JSX.Element;
  /** `horizontal`: side by side (default); `vertical`: one above the other. */
  direction?: 'horizontal' | 'vertical';
  /** The first pane's share in percent (default 50). */
  initial?: number;
  /** Smallest share of either pane, in percent (default 10). */
  min?: number;
  /** Accessible name of the separator (default "Resize panes"). */
  label?: string;
  /** Called with the new share after each change. */
  onResize?: (percent: number) => void;
}

/**
 * Two panes and a separator (`role="separator"`, focusable, with its value in percent) that resizes them:
 * drag it, or focus it and use the arrow keys (5 % a step), Home and End.
 *
 * @example
 * <SplitPane start={<Editor />} end={<Preview />} initial={60} label="Resize editor and preview" />
 */
export function SplitPane(props: SplitPaneProps) {
  const [share, setShare] = createSignal(props.initial ?? 50);
  const min = () => props.min ?? 10;
  const vertical = () => props.direction === 'vertical';
  let root: HTMLDivElement | undefined;
  const set = (value: number) => {
    const next = Math.round(Math.min(100 - min(), Math.max(min(), value)));
    setShare(next);
    props.onResize?.(next);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const back = vertical() ? 'ArrowUp' : 'ArrowLeft';
    const forward = vertical() ? 'ArrowDown' : 'ArrowRight';
    const steps: Record<string, () => number> = {
      [back]: () => share() - 5,
      [forward]: () => share() + 5,
      Home: () => min(),
      End: () => 100 - min(),
    };
    const step = steps[event.key];
    if (!step) return;
    event.preventDefault();
    set(step());
  };
  const onPointerDown = (event: PointerEvent) => {
    const handle = event.currentTarget as HTMLElement;
    handle.setPointerCapture(event.pointerId);
    const onMove = (move: PointerEvent) => {
      const box = root?.getBoundingClientRect();
      if (!box) return;
      set(
        vertical()
          ? ((move.clientY - box.top) / box.height) * 100
          : ((move.clientX - box.left) / box.width) * 100,
      );
    };
    const onUp = () => {
      handle.removeEventListener('pointermove', onMove);
      handle.removeEventListener('pointerup', onUp);
    };
    handle.addEventListener('pointermove', onMove);
    handle.addEventListener('pointerup', onUp);
  };
  return (
    <div class="pt-split" classList={{ 'pt-split-vertical': vertical() }} ref={root}>
      <div class="pt-split-pane" style={{ flex: `0 0 calc(${share()}% - 3px)` }}>
        {props.start}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: <hr> can't be focused and dragged; a focusable separator is the ARIA pattern. */}
      <div
        role="separator"
        class="pt-split-separator"
        tabindex={0}
        aria-label={props.label ?? 'Resize panes'}
        aria-orientation={vertical() ? 'horizontal' : 'vertical'}
        aria-valuemin={min()}
        aria-valuemax={100 - min()}
        aria-valuenow={share()}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
      />
      <div class="pt-split-pane" style={{ flex: '1 1 0' }}>
        {props.end}
      </div>
    </div>
  );
}
