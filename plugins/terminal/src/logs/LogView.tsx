import { compileLogSearch, type LogBuffer, type LogLine, parseAnsi, stripAnsi } from '@porthole/sdk/logs';
import { Button, Checkbox, TextField } from '@porthole/ui';
import { createVirtualizer } from '@tanstack/solid-virtual';
import { createEffect, createMemo, createSignal, For, type JSX, on, Show } from 'solid-js';
import { ansiCss, sourceColour, styledRuns } from '../model/styled-runs.ts';
import { findMatches } from './matches.ts';

/** Props of {@link LogView}. */
export interface LogViewProps {
  buffer: LogBuffer;
  /** Bumped whenever lines were added or cleared: the view re-reads the buffer. */
  version: number;
  /** Accessible name of the line list, e.g. "Log of web-1/app". */
  label: string;
  /** Keep the newest line in view as lines arrive (scrolling up pauses it). */
  follow: boolean;
  /** File name for "Download shown". */
  fileName: string;
  /** Show each line's `source` (pod/container) tag, coloured per pod. */
  sources?: boolean;
  /** Controls of the stream (container, since, ...) shown before the view's own. */
  toolbar?: JSX.Element;
}

const lineHeight = 18;

function formatTime(time: string): string {
  // 2024-05-01T10:00:00.123000000 → 2024-05-01 10:00:00.123 (UTC)
  return `${time.slice(0, 10)} ${time.slice(11, 23)}`;
}

function plainLine(line: LogLine, timestamps: boolean): string {
  const parts: string[] = [];
  if (timestamps && line.time) parts.push(`${line.time}Z`);
  if (line.source) parts.push(`[${line.source}]`);
  parts.push(stripAnsi(line.text));
  return parts.join(' ');
}

/**
 * A virtualised log: only the lines in view are in the DOM, so 100,000 lines scroll like 100. ANSI
 * colours, search (highlight, next/previous, count, regex, case, filter), wrap, timestamps, follow with
 * scroll-up pausing and "N new lines", "N older lines dropped", download of what is shown.
 */
export function LogView(props: LogViewProps) {
  const [query, setQuery] = createSignal('');
  const [regex, setRegex] = createSignal(false);
  const [caseSensitive, setCaseSensitive] = createSignal(false);
  const [filter, setFilter] = createSignal(false);
  const [wrap, setWrap] = createSignal(false);
  const [timestamps, setTimestamps] = createSignal(false);
  const [current, setCurrent] = createSignal(0);
  // Scrolled up while following: how many lines the buffer had received then.
  const [pausedAt, setPausedAt] = createSignal<number>();
  let scroller: HTMLDivElement | undefined;

  const received = () => {
    void props.version;
    return props.buffer.dropped + props.buffer.length;
  };
  const compiled = createMemo(() =>
    compileLogSearch({ query: query(), regex: regex(), caseSensitive: caseSensitive() }),
  );
  const search = () => {
    const result = compiled();
    return result.ok && query() !== '' ? result.search : undefined;
  };
  const matches = createMemo(() => {
    void props.version;
    return findMatches(props.buffer, search());
  });
  // The buffer indices shown: every line, or only matching lines in filter mode.
  const shown = createMemo(() => {
    void props.version;
    if (filter() && search()) return matches().lines;
    return undefined;
  });
  const length = () => {
    void props.version;
    return props.buffer.length;
  };
  const dropped = () => {
    void props.version;
    return props.buffer.dropped;
  };
  const count = () => shown()?.length ?? length();
  const lineAt = (row: number) => {
    const rows = shown();
    return props.buffer.at(rows ? (rows[row] ?? -1) : row);
  };

  const virtualizer = createVirtualizer({
    get count() {
      return count();
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => lineHeight,
    overscan: 20,
  });
  const items = () => virtualizer.getVirtualItems();

  const atBottom = () => !scroller || scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 4;
  const toEnd = () => {
    if (count() > 0) virtualizer.scrollToIndex(count() - 1, { align: 'end' });
  };
  // Following: each batch scrolls to the newest line, unless the user scrolled up.
  createEffect(
    on([() => props.version, () => props.follow, count], () => {
      if (props.follow && pausedAt() === undefined) queueMicrotask(toEnd);
    }),
  );
  let lastTop = 0;
  const onScroll = () => {
    if (!scroller) return;
    const top = scroller.scrollTop;
    if (atBottom()) setPausedAt(undefined);
    else if (top < lastTop - 2 && props.follow && pausedAt() === undefined) setPausedAt(received());
    lastTop = top;
  };
  const newLines = () => {
    const at = pausedAt();
    return at === undefined ? 0 : received() - at;
  };
  const jumpToEnd = () => {
    setPausedAt(undefined);
    toEnd();
  };

  // Search navigation: the current match, by occurrence; moves to its line.
  const total = () => matches().total;
  const goTo = (index: number) => {
    const n = total();
    if (n === 0) return;
    const next = ((index % n) + n) % n;
    setCurrent(next);
    const line = matches().lineOfMatch(next);
    const rows = shown();
    const row = rows ? rows.indexOf(line) : line;
    if (row >= 0) {
      if (props.follow && pausedAt() === undefined) setPausedAt(received());
      virtualizer.scrollToIndex(row, { align: 'center' });
    }
  };
  createEffect(on([query, regex, caseSensitive], () => setCurrent(0), { defer: true }));
  // Wrapping changes line heights: forget the measured ones.
  createEffect(on(wrap, () => virtualizer.measure(), { defer: true }));
  const currentLine = () => (total() > 0 ? matches().lineOfMatch(current()) : -1);
  const currentOccurrence = () => (total() > 0 ? matches().occurrenceInLine(current()) : -1);

  const download = () => {
    const rows = count();
    const out: string[] = [];
    for (let i = 0; i < rows; i++) {
      const line = lineAt(i);
      if (line) out.push(plainLine(line, timestamps()));
    }
    const url = URL.createObjectURL(new Blob([`${out.join('\n')}\n`], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = props.fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const renderLine = (row: number) => {
    // Once the buffer is at its cap the row count stops changing while every row's line moves on: the
    // version is what tells a row to draw again.
    void props.version;
    const line = lineAt(row);
    if (!line) return null;
    const index = shown()?.[row] ?? row;
    const s = search();
    const ranges = s ? s.ranges(stripAnsi(line.text)) : [];
    const runs = styledRuns(parseAnsi(line.text), ranges);
    let occurrence = -1;
    return (
      <>
        <Show when={timestamps() && line.time}>
          <span class="term-log-time">{`${formatTime(line.time ?? '')} `}</span>
        </Show>
        <Show when={props.sources && line.source}>
          <span
            class="term-log-source"
            style={{ color: sourceColour((line.source ?? '').split('/')[0] ?? '') }}
          >
            {`${line.source} `}
          </span>
        </Show>
        <span class="term-log-text">
          <For each={runs}>
            {(run) => {
              if (run.match) occurrence += 1;
              const isCurrent = run.match && index === currentLine() && occurrence === currentOccurrence();
              return run.match ? (
                <mark
                  class="term-log-match"
                  data-current={isCurrent ? 'true' : undefined}
                  style={ansiCss(run.style)}
                >
                  {run.text}
                </mark>
              ) : (
                <span style={ansiCss(run.style)}>{run.text}</span>
              );
            }}
          </For>
        </span>
      </>
    );
  };

  return (
    <section class="term-logs" aria-label={props.label}>
      <div class="term-toolbar" role="toolbar" aria-label="Log options">
        {props.toolbar}
        <Checkbox
          label="Timestamps"
          checked={timestamps()}
          onChange={(e) => setTimestamps(e.currentTarget.checked)}
        />
        <Checkbox label="Wrap lines" checked={wrap()} onChange={(e) => setWrap(e.currentTarget.checked)} />
        <Button size="small" variant="secondary" onClick={download}>
          Download shown
        </Button>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is not in Solid's JSX types yet */}
      <div class="term-toolbar" role="search" aria-label="Search the log">
        <TextField
          label="Search"
          type="search"
          value={query()}
          error={compiled().ok ? undefined : (compiled() as { error: string }).error}
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              goTo(current() + (e.shiftKey ? -1 : 1));
            }
          }}
        />
        <Checkbox label="Regex" checked={regex()} onChange={(e) => setRegex(e.currentTarget.checked)} />
        <Checkbox
          label="Match case"
          checked={caseSensitive()}
          onChange={(e) => setCaseSensitive(e.currentTarget.checked)}
        />
        <Checkbox
          label="Only matching lines"
          checked={filter()}
          onChange={(e) => setFilter(e.currentTarget.checked)}
        />
        <Button size="small" variant="secondary" disabled={total() === 0} onClick={() => goTo(current() - 1)}>
          Previous match
        </Button>
        <Button size="small" variant="secondary" disabled={total() === 0} onClick={() => goTo(current() + 1)}>
          Next match
        </Button>
        <Show when={search()}>
          <output class="term-match-count" aria-live="polite">
            {total() === 0 ? 'No matches' : `${current() + 1} of ${total()} matches`}
          </output>
        </Show>
      </div>
      <Show when={dropped() > 0}>
        <p class="term-note" role="status">
          {dropped().toLocaleString('en')} older lines dropped (keeping the latest{' '}
          {props.buffer.cap.toLocaleString('en')})
        </p>
      </Show>
      <div
        ref={scroller}
        class="term-log-scroll"
        classList={{ 'term-wrap': wrap() }}
        role="log"
        aria-label={props.label}
        aria-live="off"
        tabindex={0}
        onScroll={onScroll}
      >
        <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative', width: '100%' }}>
          <For each={items()}>
            {(item) => (
              <div
                class="term-log-line"
                data-index={item.index}
                ref={(el) => {
                  // Unwrapped lines are all one line high: measuring them would only force layouts.
                  if (wrap()) queueMicrotask(() => virtualizer.measureElement(el));
                }}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  width: '100%',
                  transform: `translateY(${item.start}px)`,
                }}
              >
                {renderLine(item.index)}
              </div>
            )}
          </For>
        </div>
      </div>
      <Show when={newLines() > 0}>
        <Button size="small" class="term-new-lines" onClick={jumpToEnd}>
          {newLines().toLocaleString('en')} new lines
        </Button>
      </Show>
    </section>
  );
}
