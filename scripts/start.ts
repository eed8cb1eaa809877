// `npm start` and `npm run dev`: make sure the Electron binary is installed, then hand over to electron-vite.
//   tsx scripts/start.ts preview|dev [electron-vite options]
// Electron >= 42 has no install script: the binary arrives only through the electron package's own installer
// (its install.js, through @electron/get), which this runs first. Where it cannot be had, this stops with one
// line that says what to do, instead of electron-vite's "Error: Electron uninstall" after a full build.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const COMMANDS = { preview: 'npm start', dev: 'npm run dev' } as const;
type Command = keyof typeof COMMANDS;

/**
 * Runs the installer in a child whose console.error (where install.js prints a failure's stack) and
 * uncaught errors go to fd 3, read by this script; its progress bar still reaches the terminal on stderr.
 */
const INSTALLER_WRAPPER = `
const { writeSync } = require('node:fs');
console.error = (...args) => { try { writeSync(3, args.map(String).join(' ') + '\\n'); } catch {} };
const fail = (err) => { console.error(err && err.stack ? err.stack : String(err)); process.exit(1); };
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
require(process.argv[1]);
`;

/** How a failed download reads (fetch, DNS, sockets, an HTTP error from the mirror), as opposed to a failed unpack. */
const NETWORK_FAILURE = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONN|ETIMEDOUT|socket|network|Response code/i;

function say(line: string, stream: NodeJS.WriteStream = process.stderr): void {
  stream.write(`lead-enricher: ${line}\n`);
}

/** The executable's path inside the package's dist folder, as install.js writes it to path.txt. */
function platformExecutable(): string {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return process.platform === 'win32' ? 'electron.exe' : 'electron';
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * A binary the environment already names (ELECTRON_EXEC_PATH, read by electron-vite; ELECTRON_OVERRIDE_DIST_PATH,
 * read by the electron package), or null. install.js would download one anyway, so it is not run then.
 */
function binaryFromEnvironment(electronDir: string): string | null {
  const exec = process.env.ELECTRON_EXEC_PATH;
  if (exec) return existsSync(exec) ? exec : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!override) return null;
  const file = join(override, readText(join(electronDir, 'path.txt')) ?? platformExecutable());
  return existsSync(file) ? file : null;
}

/** Runs install.js (it exits at once when the right version is installed); resolves to null or the failure. */
function runInstaller(electronDir: string): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', INSTALLER_WRAPPER, join(electronDir, 'install.js')], {
      stdio: ['inherit', 'inherit', 'inherit', 'pipe'],
    });
    let errors = '';
    child.stdio[3]?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.on('error', (err) => resolve(err.message));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(null);
      // The error's own line ("TypeError: fetch failed"), not the source excerpt Node puts above a crash.
      const lines = errors
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      const first = lines.find((line) => /^\w*Error: /.test(line)) ?? lines[0];
      resolve(first?.replace(/^\w*Error: /, '') || (signal ? `stopped by ${signal}` : `exit ${code}`));
    });
  });
}

function runElectronVite(
  command: Command,
  args: string[],
  env: NodeJS.ProcessEnv,
  projectRequire: NodeJS.Require,
) {
  const packageJson = projectRequire.resolve('electron-vite/package.json');
  const { bin } = JSON.parse(readFileSync(packageJson, 'utf8')) as { bin: Record<string, string> };
  const child = spawn(
    process.execPath,
    [join(dirname(packageJson), bin['electron-vite']!), command, ...args],
    {
      stdio: 'inherit',
      env,
    },
  );
  // npm and `timeout` signal this process only: pass it on, and leave when electron-vite does.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command !== 'preview' && command !== 'dev') {
    say('usage: tsx scripts/start.ts preview|dev [electron-vite options]');
    process.exit(2);
  }
  // npm runs scripts in the project folder: the electron package is the project's own.
  const projectRequire = createRequire(join(process.cwd(), 'package.json'));
  const electronDir = dirname(projectRequire.resolve('electron/package.json'));
  const env = { ...process.env };

  const given = binaryFromEnvironment(electronDir);
  if (given) {
    env.ELECTRON_EXEC_PATH = given;
  } else {
    const pathTxt = readText(join(electronDir, 'path.txt'));
    if (!pathTxt || !existsSync(join(electronDir, 'dist', pathTxt))) {
      say('installing the Electron binary (a one-time download of about 100 MB)…', process.stdout);
    }
    const failure = await runInstaller(electronDir);
    if (failure !== null) {
      const offline = NETWORK_FAILURE.test(failure);
      say(
        `the Electron binary could not be ${offline ? `downloaded (${failure}; no internet?)` : `installed (${failure})`}. ` +
          `Connect once and run ${COMMANDS[command]} again, or set ELECTRON_MIRROR / ELECTRON_OVERRIDE_DIST_PATH; ` +
          'the browser preview works offline: npm run preview:web -- --demo',
      );
      process.exit(1);
    }
  }
  runElectronVite(command, args, env, projectRequire);
}

await main();
