import { render } from 'solid-js/web';
import { App } from './App.tsx';
import { loadClusters } from './clusters/load-clusters.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('Porthole: the page has no #root element');
render(() => <App loadClusters={() => loadClusters(fetch)} />, root);
