// Hash-based routing (`#/hardware`): works the same over HTTP, file:// and a custom protocol, and a reload
// stays on the page.
import { useSyncExternalStore } from 'react';
import { DEFAULT_PAGE, PAGES, type PageEntry, type PageId } from './pages/page-list.js';

export const pageHref = (id: PageId): string => `#/${id}`;

export function pageFromHash(hash: string): PageEntry {
  const id = hash.replace(/^#\/?/, '');
  return PAGES.find((page) => page.id === id) ?? PAGES.find((page) => page.id === DEFAULT_PAGE)!;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useCurrentPage(): PageEntry {
  return pageFromHash(useSyncExternalStore(subscribe, () => window.location.hash));
}
