import { useEffect } from 'react';
import { useBridge } from './bridge/context.js';
import { ConnectionBanner } from './components/ConnectionBanner.js';
import { Nav } from './components/Nav.js';
import { StatusFooter } from './components/StatusFooter.js';
import { DashboardPage } from './pages/DashboardPage.js';
import { EarningsPage } from './pages/EarningsPage.js';
import { HardwarePage } from './pages/HardwarePage.js';
import { JobsPage } from './pages/JobsPage.js';
import { MarketsPage } from './pages/MarketsPage.js';
import type { PageEntry } from './pages/page-list.js';
import { PricingPage } from './pages/PricingPage.js';
import { ResourcesPage } from './pages/ResourcesPage.js';
import { SettingsPage } from './pages/SettingsPage.js';
import { useCurrentPage } from './routing.js';
import { useAppInfoStore } from './stores/app-info.js';
import { followCore } from './stores/core-events.js';

function PageContent({ page }: { page: PageEntry }) {
  if (page.id === 'hardware') return <HardwarePage />;
  if (page.id === 'settings') return <SettingsPage />;
  if (page.id === 'jobs') return <JobsPage />;
  if (page.id === 'dashboard') return <DashboardPage />;
  if (page.id === 'markets') return <MarketsPage />;
  if (page.id === 'pricing') return <PricingPage />;
  if (page.id === 'resources') return <ResourcesPage />;
  page.id satisfies 'earnings'; // the one left: a new page fails to compile here until it has its case
  return <EarningsPage />;
}

export function App() {
  const bridge = useBridge();
  const page = useCurrentPage();
  const loadAppInfo = useAppInfoStore((store) => store.load);

  useEffect(() => {
    void loadAppInfo(bridge);
    return followCore(bridge);
  }, [bridge, loadAppInfo]);

  useEffect(() => {
    document.title = `${page.title} · ProverDesk`;
  }, [page]);

  return (
    <div className="app">
      <header className="app-header">
        <span className="app-title">ProverDesk</span>
      </header>
      <Nav current={page.id} />
      <main className="app-main">
        <ConnectionBanner />
        <PageContent page={page} />
      </main>
      <StatusFooter />
    </div>
  );
}
