// A desktop for the few Chromium tests that need the browser's own interface, which headless Chromium does not
// have: the prompt of `permissions.request` (a person's "Allow"), and keyboard shortcuts that reach the
// extension (the `activeTab` grant of a command). An Xvfb server per test file, Chromium shown on it (not
// headless), and xdotool for keys typed as a person types them — delivered by the X server to the browser
// window, not into a page. Debian's xvfb and xdotool (.ci/run installs them).
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Desktop {
  /** The X display, e.g. ':97', for the browser's DISPLAY. */
  display: string;
  /** Keys typed on the focused window, in xdotool's names (e.g. 'Tab Return', 'alt+shift+u'). */
  keys(...keys: string[]): Promise<void>;
  /** The names of the visible windows (to wait for a browser dialog). */
  windowNames(): Promise<string[]>;
  /** The whole screen as PNG (xwd through ImageMagick, when present), to look at what a test saw. */
  screenshot(file: string): Promise<void>;
  close(): Promise<void>;
}

export function findDesktopTools(): { xvfb: string; xdotool: string } {
  const xvfb = '/usr/bin/Xvfb';
  const xdotool = '/usr/bin/xdotool';
  if (!existsSync(xvfb) || !existsSync(xdotool)) {
    throw new Error('These tests need Xvfb and xdotool: `sudo apt-get install -y xvfb xdotool` (.ci/run installs them).');
  }
  return { xvfb, xdotool };
}

export async function startDesktop(): Promise<Desktop> {
  const { xvfb, xdotool } = findDesktopTools();
  // A free display number: each test file (and each parallel worker) gets its own server.
  let number = 90 + Math.floor(Math.random() * 400);
  while (existsSync(`/tmp/.X11-unix/X${number}`) || existsSync(`/tmp/.X${number}-lock`)) number++;
  const display = `:${number}`;
  const server: ChildProcess = spawn(xvfb, [display, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (!existsSync(`/tmp/.X11-unix/X${number}`)) {
    if (server.exitCode !== null) throw new Error(`Xvfb ${display} exited with ${server.exitCode}`);
    if (Date.now() > deadline) throw new Error(`Xvfb ${display} did not start`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const env = { ...process.env, DISPLAY: display };
  return {
    display,
    async keys(...keys) {
      await run(xdotool, ['key', '--delay', '60', ...keys], { env });
    },
    async windowNames() {
      const { stdout } = await run(xdotool, ['search', '--onlyvisible', '--name', '.'], { env }).catch(() => ({ stdout: '' }));
      const names: string[] = [];
      for (const id of stdout.split('\n').filter(Boolean)) {
        const { stdout: name } = await run(xdotool, ['getwindowname', id], { env }).catch(() => ({ stdout: '' }));
        if (name.trim()) names.push(name.trim());
      }
      return names;
    },
    async screenshot(file) {
      await run('sh', ['-c', `xwd -root -display ${display} | convert xwd:- ${JSON.stringify(file)}`]).catch(() => undefined);
    },
    async close() {
      server.kill();
      await new Promise((r) => setTimeout(r, 100));
    },
  };
}
