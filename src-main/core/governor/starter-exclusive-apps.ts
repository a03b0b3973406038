// The exclusive apps a new install starts with: programs that want the whole machine while they run, named as
// their executables (without .exe). Games that need every core and the GPU, and video editing, encoding
// and streaming, where a dropped frame shows. Launchers, chat and meeting apps that sit in the tray all day
// (Steam, Discord, Zoom) are left out: they would keep proving paused for good.
export const STARTER_EXCLUSIVE_APPS: readonly string[] = [
  // Games
  'cs2',
  'dota2',
  'VALORANT-Win64-Shipping',
  'FortniteClient-Win64-Shipping',
  'r5apex',
  'r5apex_dx12',
  'eldenring',
  'Cyberpunk2077',
  'GTA5',
  'RDR2',
  'RocketLeague',
  'Overwatch',
  'bf2042',
  'bg3',
  'TslGame',
  'ForzaHorizon5',
  // Video editing, encoding and streaming
  'obs64',
  'obs',
  'Resolve',
  'Adobe Premiere Pro',
  'AfterFX',
  'HandBrake',
];
