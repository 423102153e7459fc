import { applyTheme, Button, type Theme } from '@porthole/ui';
import { createSignal, type JSX, onCleanup } from 'solid-js';
import { AccessDemo } from './access-demos.tsx';
import { ButtonDemo, DialogDemo, MenuAndToastDemo } from './action-demos.tsx';
import { FormDemo, MiscDemo, StatusDemo, TableDemo, TabsDemo } from './content-demos.tsx';
import './gallery.css';

function Section(props: { title: string; children: JSX.Element }) {
  return (
    <section class="gallery-section" aria-label={props.title}>
      <h2>{props.title}</h2>
      {props.children}
    </section>
  );
}

/**
 * Every component of `@porthole/ui`, working, in the light or dark theme (`?theme=dark`, or the switch):
 * the kit's visual reference and the page its browser tests and axe checks run against.
 *
 * @example
 * <UiGallery />
 */
export function UiGallery() {
  const initial: Theme =
    new URLSearchParams(window.location.search).get('theme') === 'dark' ? 'dark' : 'light';
  const [theme, setTheme] = createSignal<Theme>(initial);
  const before: Theme = document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
  applyTheme(initial);
  // The theme belongs to this page: leaving it restores the person's own.
  onCleanup(() => applyTheme(before));
  const toggle = () => {
    const next: Theme = theme() === 'dark' ? 'light' : 'dark';
    setTheme(next);
    applyTheme(next);
  };
  return (
    <div class="panel gallery" data-testid="ui-gallery">
      <header class="panel-header">
        <h1>Component gallery</h1>
        <Button aria-pressed={theme() === 'dark'} onClick={toggle}>
          Dark theme
        </Button>
      </header>
      <Section title="Buttons and tooltips">
        <ButtonDemo />
      </Section>
      <Section title="Dialogs">
        <DialogDemo />
      </Section>
      <Section title="Menu and toasts">
        <MenuAndToastDemo />
      </Section>
      <Section title="Tabs">
        <TabsDemo />
      </Section>
      <Section title="Table">
        <TableDemo />
      </Section>
      <Section title="Badges and states">
        <StatusDemo />
      </Section>
      <Section title="Form fields">
        <FormDemo />
      </Section>
      <Section title="Access">
        <AccessDemo />
      </Section>
      <Section title="Time, code and panes">
        <MiscDemo />
      </Section>
    </div>
  );
}
