// The async boundary: Module Federation negotiates the shared modules (Solid) before any of them runs.
import('./bootstrap.tsx').catch((err: unknown) => {
  const root = document.getElementById('root');
  if (root)
    root.textContent = `Porthole failed to start: ${err instanceof Error ? err.message : String(err)}`;
  console.error(err);
});
