import { createSignal, onCleanup } from 'solid-js';
import { Button } from './Button.tsx';

/** Props of {@link CodeBlock}. */
export interface CodeBlockProps {
  code: string;
  /** Accessible name of the block, e.g. "Pod web-1 as YAML". */
  label: string;
  /** Writes to the clipboard (default `navigator.clipboard`); a test or an insecure page may pass its own. */
  copy?: (text: string) => Promise<void>;
}

/**
 * Preformatted code with a Copy button that says whether copying worked (announced as a status).
 *
 * @example
 * <CodeBlock label="kubectl command" code={`kubectl -n ${ns} get pod ${name}`} />
 */
export function CodeBlock(props: CodeBlockProps) {
  const [result, setResult] = createSignal<'idle' | 'copied' | 'failed'>('idle');
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const copy = async () => {
    try {
      await (props.copy ?? ((text: string) => navigator.clipboard.writeText(text)))(props.code);
      setResult('copied');
    } catch {
      setResult('failed');
    }
    clearTimeout(timer);
    timer = setTimeout(() => setResult('idle'), 3_000);
  };
  return (
    <figure class="pt-code" aria-label={props.label} style={{ margin: 0 }}>
      <pre tabindex={0}>
        <code>{props.code}</code>
      </pre>
      <Button size="small" class="pt-code-copy" onClick={copy} aria-label={`Copy ${props.label}`}>
        {result() === 'copied' ? 'Copied' : result() === 'failed' ? 'Copy failed' : 'Copy'}
      </Button>
      <span class="pt-visually-hidden" role="status">
        {result() === 'copied' ? 'Copied to the clipboard' : result() === 'failed' ? 'Could not copy' : ''}
      </span>
    </figure>
  );
}
