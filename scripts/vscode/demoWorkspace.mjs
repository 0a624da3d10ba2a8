// The workspace and settings `npm run demo` opens VS Code with; shared with the UI test that proves
// the README's main command ends with the demo connected and no click needed.

/**
 * The demo profile, started as soon as the extension activates. User settings: these are
 * application-scoped (a workspace cannot choose where a key goes), so a workspace file would be ignored.
 */
export const DEMO_SETTINGS = { 'hubmon.demo.autoStart': true, 'hubmon.activeProfile': 'demo' };

/** User settings for the throwaway code-server profile: automatic tasks are a user-level choice. */
/** Loss limits for the demo account, so its rule rows and the P&L item's colors show from the start. */
export const DEMO_RISK = [{ profile: 'demo', dailyLossLimit: 2000, maxLossLimit: 3000, maxPosition: 10 }];

export const DEMO_USER_SETTINGS = { ...DEMO_SETTINGS, 'task.allowAutomaticTasks': 'on', 'hubmon.risk': DEMO_RISK };

/**
 * The demo folder's files. The extension activates only on its own view and commands, so the folder
 * opens the view itself: a folder-open task whose command variable reveals Hub Monitor (activation
 * then starts the demo gateway, signs in and connects).
 */
export function demoWorkspaceFiles() {
  const openView = {
    label: 'Open Hub Monitor',
    type: 'shell',
    command: 'echo "Hub Monitor view opened${command:workbench.view.extension.hubmon}"',
    runOptions: { runOn: 'folderOpen' },
    presentation: { reveal: 'never', close: true },
    problemMatcher: [],
  };
  return {
    '.vscode/tasks.json': JSON.stringify({ version: '2.0.0', tasks: [openView] }, null, 2) + '\n',
    'README.md': '# Hub Monitor demo\n\nThe Hub Monitor view opens by itself and connects to the embedded demo gateway on 127.0.0.1.\n',
  };
}
