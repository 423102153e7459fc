import { render } from 'solid-js/web';
import { App } from './App.tsx';
import { createShell } from './create-shell.ts';
import './styles.css';

function localStorageOrNothing(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const root = document.getElementById('root');
if (!root) throw new Error('Porthole: the page has no #root element');
const storage = localStorageOrNothing();
render(
  () => (
    <App shell={createShell({ win: window, fetch: window.fetch.bind(window), storage })} storage={storage} />
  ),
  root,
);
