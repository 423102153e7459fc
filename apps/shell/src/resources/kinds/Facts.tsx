import type { JSX } from 'solid-js';

/** One labelled fact of a kind page (a `<dt>`/`<dd>` pair of a {@link Facts} list). */
export function Fact(props: { label: string; children: JSX.Element; testId?: string }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd data-testid={props.testId}>{props.children}</dd>
    </>
  );
}

/**
 * A titled section of a kind page with a list of facts.
 *
 * @example
 * <Facts title="Rollout"><Fact label="Desired">3</Fact></Facts>
 */
export function Facts(props: { title: string; children: JSX.Element; testId?: string }) {
  return (
    <section class="res-section" data-testid={props.testId}>
      <h2>{props.title}</h2>
      <dl class="res-fields">{props.children}</dl>
    </section>
  );
}

/** A titled section of a kind page holding anything (a table, a list). */
export function KindSection(props: {
  title: string;
  count?: number;
  children: JSX.Element;
  testId?: string;
}) {
  return (
    <section class="res-section" data-testid={props.testId}>
      <h2>
        {props.title}
        {props.count === undefined ? null : <span class="panel-count"> {props.count}</span>}
      </h2>
      {props.children}
    </section>
  );
}
