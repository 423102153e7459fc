/** The bar across the top of every page: the product name. */
export function TopBar() {
  return (
    <header class="top-bar">
      <a class="brand" href="/">
        <span class="brand-mark" aria-hidden="true" />
        <span class="brand-name">Porthole</span>
      </a>
      <span class="top-bar-tagline">Kubernetes console</span>
    </header>
  );
}
