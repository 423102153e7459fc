import { usePorthole } from '@porthole/sdk';
import { type JSX, splitProps } from 'solid-js';

/** Props of {@link Link}: an anchor whose plain clicks stay in the app. */
export interface LinkProps extends Omit<JSX.AnchorHTMLAttributes<HTMLAnchorElement>, 'onClick'> {
  href: string;
}

/**
 * A link to an app path: a plain left click navigates in place (`usePorthole().navigate`); a modified
 * click (new tab, new window) is left to the browser.
 *
 * @example
 * <Link href={resourceListHref(address)}>ConfigMaps</Link>
 */
export function Link(props: LinkProps) {
  const { navigate } = usePorthole();
  const [local, rest] = splitProps(props, ['href', 'children']);
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(local.href);
  };
  return (
    <a href={local.href} {...rest} onClick={onClick}>
      {local.children}
    </a>
  );
}
