// A virtual X display for the engines that need a real window: Firefox gives no WebGL2
// when headless here, and WebKitGTK's MiniBrowser has no headless mode
// (../shared/TOOLCHAIN.md, "Firefox and WebKit"). One Xvfb is shared by every engine of
// a test process, started on first use and stopped when the process ends.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

let started = null;   // a Promise of the display name, ':N'

// The display to run a browser window on: $DISPLAY if set (xvfb-run, a desktop),
// otherwise a private Xvfb.
export function display() {
  if (process.env.DISPLAY) return Promise.resolve(process.env.DISPLAY);
  if (!started) started = startXvfb();
  return started;
}

async function startXvfb() {
  if (!existsSync('/usr/bin/Xvfb')) throw new Error('/usr/bin/Xvfb missing: run scripts/setup.sh --browser');
  let number = 90 + (process.pid % 100);
  while (existsSync(`/tmp/.X11-unix/X${number}`) || existsSync(`/tmp/.X${number}-lock`)) ++number;
  const server = spawn('/usr/bin/Xvfb', [`:${number}`, '-screen', '0', '1920x1200x24', '-nolisten', 'tcp'],
                       { stdio: 'ignore', detached: false });
  server.unref();
  const stop = () => { try { server.kill(); } catch { /* already gone */ } };
  process.once('exit', stop);
  for (let waited = 0; !existsSync(`/tmp/.X11-unix/X${number}`); waited += 50) {
    if (server.exitCode !== null) throw new Error(`Xvfb :${number} exited with ${server.exitCode}`);
    if (waited > 10000) { stop(); throw new Error(`Xvfb :${number} did not start in 10 s`); }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return `:${number}`;
}
