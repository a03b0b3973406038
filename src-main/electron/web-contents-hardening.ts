// Applied to every web contents the app creates: nothing navigates away from the app, nothing opens a
// new window, no <webview>. https links go to the OS browser instead.
import type { WebContents } from 'electron';
import { externalUrlToOpen, isNavigationAllowed } from './navigation-policy.js';

export function hardenWebContents(contents: WebContents, openExternal: (url: string) => void): void {
  const sendOut = (url: string) => {
    const external = externalUrlToOpen(url);
    if (external !== null) openExternal(external);
  };
  contents.on('will-navigate', (event) => {
    if (isNavigationAllowed(event.url)) return;
    event.preventDefault();
    sendOut(event.url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    sendOut(url);
    return { action: 'deny' };
  });
}
