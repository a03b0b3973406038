// The pages in the navigation, in order.
export const PAGES = [
  { id: 'dashboard', title: 'Dashboard' },
  { id: 'jobs', title: 'Jobs' },
  { id: 'earnings', title: 'Earnings' },
  { id: 'markets', title: 'Markets' },
  { id: 'pricing', title: 'Pricing' },
  { id: 'hardware', title: 'Hardware' },
  { id: 'settings', title: 'Settings' },
  /** Settings → Resources: the governor's limits. Its own entry, right under Settings. */
  { id: 'resources', title: 'Resources' },
] as const;

export type PageEntry = (typeof PAGES)[number];
export type PageId = PageEntry['id'];

/** Where the app opens, and where unknown addresses land. */
export const DEFAULT_PAGE: PageId = 'dashboard';
