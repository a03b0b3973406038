// The desktop shell's settings (setting `desktop.settings`): stored by the core like every other setting, applied
// by the Electron shell, which hears of changes through the `desktop.changed` event.
import type { ApiHandlers } from '../api/dispatcher.js';
import { defaultDesktopSettings, DesktopSettings, type DesktopView } from '../api/desktop-schemas.js';
import type { EventBus } from '../api/event-bus.js';
import type { SettingsRepo } from '../store/repos/settings-repo.js';

export const DESKTOP_SETTING = 'desktop.settings';

export function loadDesktopSettings(settings: SettingsRepo): DesktopSettings {
  const parsed = DesktopSettings.safeParse(settings.get(DESKTOP_SETTING));
  return parsed.success ? parsed.data : defaultDesktopSettings();
}

type Queries = Pick<ApiHandlers['queries'], 'desktop.get'>;
type Commands = Pick<ApiHandlers['commands'], 'desktop.set'>;

export function desktopSettingsHandlers({ settings, bus, applies }: { settings: SettingsRepo; bus: EventBus; applies: boolean }): {
  queries: Queries;
  commands: Commands;
} {
  const view = (): DesktopView => ({ settings: loadDesktopSettings(settings), applies });
  return {
    queries: { 'desktop.get': view },
    commands: {
      'desktop.set': async ({ settings: next }) => {
        settings.set(DESKTOP_SETTING, next);
        bus.emit('desktop.changed', next);
        return view();
      },
    },
  };
}
