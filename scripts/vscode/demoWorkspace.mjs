// The workspace and settings `npm run demo` opens VS Code with; shared with the UI test that proves
// the README's main command ends with the demo connected and no click needed.

/**
 * The demo profile, started as soon as the extension activates. User settings: these are
 * application-scoped (a workspace cannot choose where a key goes), so a workspace file would be ignored.
 */
export const DEMO_SETTINGS = { 'hubmon.demo.autoStart': true, 'hubmon.activeProfile': 'demo' };

/** User settings for the throwaway profile `npm run demo` makes (the settings above are user-level only). */
export const DEMO_USER_SETTINGS = { ...DEMO_SETTINGS };

/**
 * The demo folder's files. The extension activates when start-up finishes; with these settings it
 * reveals its view, starts the demo gateway, signs in and connects (no task, no click).
 */
export function demoWorkspaceFiles() {
  return {
    'README.md': '# Hub Monitor demo\n\nThe Hub Monitor view opens by itself and connects to the embedded demo gateway on 127.0.0.1.\n',
  };
}
