import { PAGES, type PageId } from '../pages/page-list.js';
import { pageHref } from '../routing.js';

export function Nav({ current }: { current: PageId }) {
  return (
    <nav className="nav" aria-label="Pages">
      <ul>
        {PAGES.map((page) => (
          <li key={page.id}>
            <a href={pageHref(page.id)} aria-current={page.id === current ? 'page' : undefined}>
              {page.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
