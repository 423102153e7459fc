// The generic resource pages the shell's routes mount and plugins extend (actions and tabs).

export { ResourceDetailPage } from './ResourceDetailPage.tsx';
export { ResourceIndexPage } from './ResourceIndexPage.tsx';
export type { ResourcePageProps } from './ResourceListPage.tsx';
export { ResourceListPage } from './ResourceListPage.tsx';
export type { ObjectAddress, ResourceAddress } from './resource-paths.ts';
export { groupFromSegment, groupSegment } from './resource-paths.ts';
