// Benchmark of the sustained log rate the terminal plugin's Logs view keeps up with (issue 12), in Debian's
// Chromium against the real backend and multiplexer and a real test cluster. For each rate a pod (a real
// process under the testcluster's kubelet stand-in) prints `t=<ms since epoch> n=<sequence>` lines for
// BENCH_LOG_SECONDS; a page follows the pod's `Logs` tab. In the page, on every animation frame, the rows
// in the DOM are read: the first frame a line is seen gives its lag (seen − its own `t`), and the frame
// intervals give the frame times while following. Prints produced vs shown, lag p50/p99 (first and last
// third of the run, to see whether it grows), frame times, and whether the view kept up; asserts nothing.
// `npm run bench:log-rate -w @porthole/bench` (build the shell and plugins/terminal first).
// Knobs: BENCH_LOG_RATES (default 100,1000,5000,10000,20000 lines/s), BENCH_LOG_SECONDS (default 10),
// BENCH_LOG_CAP (the view's line cap, `?logCap=`; default the plugin's 100,000).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { startBackend } from '@porthole/backend/testing';
import { runPod, start } from '@porthole/testcluster';

const rates = (process.env.BENCH_LOG_RATES ?? '100,1000,5000,10000,20000').split(',').map(Number);
const seconds = Number(process.env.BENCH_LOG_SECONDS ?? '10');
/** The view's line cap (`?logCap=`); unset keeps the plugin's default (100,000). */
const cap = process.env.BENCH_LOG_CAP ? `&logCap=${Number(process.env.BENCH_LOG_CAP)}` : '';
const goDir = mkdtempSync(join(tmpdir(), 'log-rate-'));

/** The container's program: prints `ready`, waits for its go-file, then `rate` lines/s for `seconds`, then `END`. */
const emitter = (rate: number, go: string) => `
const fs = require('node:fs');
const total = ${rate * seconds};
console.log('ready');
const wait = setInterval(() => { if (fs.existsSync(${JSON.stringify(go)})) { clearInterval(wait); run(); } }, 10);
function run() {
  const t0 = Date.now();
  let n = 0;
  const tick = () => {
    const due = Math.min(total, Math.floor(((Date.now() - t0) * ${rate}) / 1000));
    let s = '';
    while (n < due) { n++; s += 't=' + Date.now() + ' n=' + n + '\\n'; }
    if (s) process.stdout.write(s);
    if (n < total) setTimeout(tick, 5);
    else { process.stdout.write('END n=' + n + ' after ' + (Date.now() - t0) + ' ms\\n'); setInterval(() => {}, 1e9); }
  };
  tick();
}`;

interface Sample {
  /** Per line number first seen: [seen − own t] in ms, and the seen time. */
  lags: [number, number][];
  frames: number[];
  lastN: number;
  /** When the emitter's `END` line was first seen (epoch ms), 0 until then. */
  endSeen: number;
}

/**
 * The oracle: the same pod's log followed straight from the API server (HTTPS, admin token) in this process.
 * Records the highest line number and each line's lag (arrival − its own `t`).
 */
function followDirect(pod: string) {
  const state = { lastN: 0, lags: [] as number[], end: '', endAt: 0 };
  const req = request(
    `${cluster.server}/api/v1/namespaces/default/pods/${pod}/log?follow=true`,
    { ca: cluster.caPem, headers: { authorization: `Bearer ${cluster.tokens.admin}` } },
    (res) => {
      let rest = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const now = Date.now();
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) {
          const m = /^t=(\d+) n=(\d+)/.exec(line);
          if (line.startsWith('END ')) {
            state.end = line;
            state.endAt = now;
          }
          if (!m) continue;
          state.lastN = Number(m[2]);
          state.lags.push(now - Number(m[1]));
        }
      });
      res.on('error', () => {});
    },
  );
  req.on('error', () => {});
  req.end();
  return { state, stop: () => req.destroy() };
}

const pct = (sorted: number[], p: number) =>
  sorted.length
    ? (sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0)
    : Number.NaN;
const ms = (v: number) => (Number.isNaN(v) ? '–' : `${v.toFixed(0)} ms`);

const cluster = await start({ name: 'log-rate-bench' });
const admin = cluster.client('admin');
const backend = await startBackend({ kubeconfigs: [cluster.kubeconfigPath] });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
let highestKeptUp: number | undefined;
try {
  for (const rate of rates) {
    const name = `rate-${rate}`;
    const go = join(goDir, name);
    await runPod(admin, { name, command: [process.execPath, '-e', emitter(rate, go)] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(
      `${backend.url}/c/${encodeURIComponent(cluster.contexts.admin)}/r/core/v1/pods/default/${name}?tab=logs${cap}`,
    );
    const log = page.getByRole('log');
    await log.getByText('ready', { exact: true }).waitFor({ timeout: 60_000 });
    // In the page: every frame, read the rows in view; record each line's first sighting and the frame interval.
    await log.evaluate((el) => {
      const state = {
        lags: [] as [number, number][],
        frames: [] as number[],
        lastN: 0,
        endSeen: 0,
        seen: new Set<number>(),
      };
      (globalThis as unknown as { logRate: typeof state }).logRate = state;
      const raf = (globalThis as unknown as { requestAnimationFrame(cb: (t: number) => void): void })
        .requestAnimationFrame;
      let last = performance.now();
      const frame = () => {
        const now = performance.now();
        state.frames.push(now - last);
        last = now;
        const wall = Date.now();
        for (const row of el.querySelectorAll('.term-log-line')) {
          const text = row.textContent ?? '';
          if (!state.endSeen && text.includes('END n=')) state.endSeen = wall;
          const m = /t=(\d+) n=(\d+)/.exec(text);
          if (!m) continue;
          const n = Number(m[2]);
          if (n > state.lastN) state.lastN = n;
          if (state.seen.has(n)) continue;
          state.seen.add(n);
          state.lags.push([wall - Number(m[1]), wall]);
        }
        raf(frame);
      };
      raf(frame);
    });
    const direct = followDirect(name);
    const produced = rate * seconds;
    const started = Date.now();
    writeFileSync(go, '');
    const read = () =>
      page.evaluate(() => {
        const s = (globalThis as unknown as { logRate: Sample }).logRate;
        return { lags: s.lags, frames: s.frames, lastN: s.lastN, endSeen: s.endSeen };
      });
    // "At the end": one second after the emitter's last line was due.
    await page.waitForTimeout(seconds * 1000 + 1000 - (Date.now() - started));
    const atEnd = await read();
    const directAtEnd = direct.state.lastN;
    const directLags = [...direct.state.lags].sort((a, b) => a - b);
    // Then how long until the last line is shown (up to 60 s more).
    let caughtUpMs: number | undefined;
    try {
      await log.getByText(/^END n=/).waitFor({ timeout: 60_000 });
      await page.waitForTimeout(100);
      caughtUpMs = (await read()).endSeen - started;
    } catch {
      caughtUpMs = undefined;
    }
    const after = await read();
    const lags = atEnd.lags;
    const all = lags.map(([l]) => l).sort((a, b) => a - b);
    const third = Math.floor(lags.length / 3);
    const first = lags
      .slice(0, third)
      .map(([l]) => l)
      .sort((a, b) => a - b);
    const lastThird = lags
      .slice(lags.length - third)
      .map(([l]) => l)
      .sort((a, b) => a - b);
    const frames = atEnd.frames.slice(1).sort((a, b) => a - b);
    const ratio = atEnd.lastN / produced;
    const growing = pct(lastThird, 50) > Math.max(2 * pct(first, 50), pct(first, 50) + 250);
    const keptUp = ratio >= 0.99 && !growing;
    if (keptUp && (highestKeptUp === undefined || rate > highestKeptUp)) highestKeptUp = rate;
    console.log(
      `${rate.toLocaleString('en')} lines/s for ${seconds} s: produced ${produced.toLocaleString('en')}, ` +
        `shown 1 s after the end ${atEnd.lastN.toLocaleString('en')} (ratio ${ratio.toFixed(3)}), ` +
        `last line shown after ${caughtUpMs === undefined ? '> 60 s more' : `${caughtUpMs} ms`}; ` +
        `${lags.length.toLocaleString('en')} lines sighted; lag p50/p99 ${ms(pct(all, 50))}/${ms(pct(all, 99))} ` +
        `(first third p50 ${ms(pct(first, 50))}, last third p50 ${ms(pct(lastThird, 50))}); ` +
        `frames ${frames.length}: p50 ${pct(frames, 50).toFixed(1)} ms, p99 ${pct(frames, 99).toFixed(1)} ms, ` +
        `worst ${(frames.at(-1) ?? 0).toFixed(1)} ms, > 50 ms: ${frames.filter((f) => f > 50).length}; ` +
        `straight from the API server (Node): ${directAtEnd.toLocaleString('en')} 1 s after the end, ` +
        `lag p50/p99 ${ms(pct(directLags, 50))}/${ms(pct(directLags, 99))}; ` +
        `kept up: ${keptUp ? 'yes' : 'no'}` +
        (caughtUpMs === undefined
          ? `; 60 s later the view is at line ${after.lastN.toLocaleString('en')}, the direct follow at ${direct.state.lastN.toLocaleString('en')}`
          : '') +
        `; the emitter: "${direct.state.end}", read directly after ${direct.state.endAt ? direct.state.endAt - started : '–'} ms`,
    );
    direct.stop();
    await page.close();
    await admin.must('DELETE', `/api/v1/namespaces/default/pods/${name}`);
  }
  console.log(
    `highest rate the Logs view kept up with: ${highestKeptUp === undefined ? 'none of' : highestKeptUp.toLocaleString('en')} lines/s ` +
      `(of ${rates.join(', ')}; kept up = shown/produced ≥ 0.99 one second after the end, lag not growing)`,
  );
} finally {
  await browser.close();
  await backend.stop();
  await cluster.stop();
}
