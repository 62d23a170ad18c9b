// Runs the tests' own Kamailio (tests/sip/kamailio.cfg) in the foreground, bound to 127.0.0.1 only,
// and stops it by its PID. Never the system's kamailio service: its own config, run dir and PID file.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_CFG = fileURLToPath(new URL('./kamailio.cfg', import.meta.url));
const HOST = '127.0.0.1';
const LOG_LINES = 40;

// Kamailio gets SIGTERM if this Node process dies without stop() (crash, SIGKILL of the runner).
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));

// /usr/sbin is not on every user's PATH.
const KAMAILIO = ['/usr/sbin/kamailio', '/usr/local/sbin/kamailio'].find((p) => existsSync(p)) ?? 'kamailio';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** True when something accepts a TCP connection on 127.0.0.1:port. */
function accepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(500, () => done(false));
  });
}

/**
 * @param {{ cfg?: string, sipPort?: number, wsPort?: number, binary?: string, startTimeoutMs?: number }} [options]
 */
export function createKamailio({
  cfg = DEFAULT_CFG,
  sipPort = 15060,
  wsPort = 15080,
  binary = process.env.KAMAILIO_PATH || KAMAILIO,
  startTimeoutMs = 10_000,
} = {}) {
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  let exited = Promise.resolve();
  let runDir = '';
  let log = [];

  const tail = () => log.slice(-LOG_LINES).join('\n');
  // KAMAILIO_LOG=/path/file keeps Kamailio's whole log (debugging a SIP test).
  const logFile = process.env.KAMAILIO_LOG;
  const keep = (chunk) => {
    if (logFile) appendFileSync(logFile, String(chunk));
    log.push(...String(chunk).split('\n').filter(Boolean));
    if (log.length > 400) log = log.slice(-LOG_LINES);
  };

  async function start() {
    if (child) return;
    if (await accepts(wsPort)) {
      throw new Error(`kamailio: 127.0.0.1:${wsPort} is already in use`);
    }
    runDir = mkdtempSync(join(tmpdir(), 'kamailio-test-'));
    const pidFile = join(runDir, 'kamailio.pid');
    log = [];
    const args = [
      '-f', cfg,
      '-DD', '-E',
      '-P', pidFile,
      '-A', `SIP_PORT=${sipPort}`,
      '-A', `WS_PORT=${wsPort}`,
      // Shared and private memory in MB: small, this is a test proxy.
      '-m', '64', '-M', '8',
      // The run dir also holds anything a module might want to write (no FIFO or ctl socket is loaded).
      '-Y', runDir,
    ];
    const [command, commandArgs] = SETPRIV
      ? [SETPRIV, ['--pdeathsig', 'TERM', '--', binary, ...args]]
      : [binary, args];
    const proc = spawn(command, commandArgs, { cwd: runDir, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    const killOnExit = () => {
      try {
        process.kill(proc.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    };
    process.once('exit', killOnExit);
    proc.stdout.on('data', keep);
    proc.stderr.on('data', keep);
    let exitInfo;
    exited = new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        process.off('exit', killOnExit);
        exitInfo = { code, signal };
        if (child === proc) child = undefined;
        resolve();
      });
      proc.once('error', (error) => {
        keep(String(error));
        exitInfo = { code: -1, signal: null };
        if (child === proc) child = undefined;
        resolve();
      });
    });

    const deadline = Date.now() + startTimeoutMs;
    while (Date.now() < deadline) {
      if (exitInfo) {
        throw new Error(`kamailio exited while starting (code ${exitInfo.code}, signal ${exitInfo.signal}):\n${tail()}`);
      }
      if (await accepts(wsPort)) return;
      await sleep(50);
    }
    await stop();
    throw new Error(`kamailio did not accept connections on 127.0.0.1:${wsPort} within ${startTimeoutMs} ms:\n${tail()}`);
  }

  async function stop() {
    const proc = child;
    if (proc) {
      // Kill by the PID we spawned: setpriv execs kamailio in place, and kamailio -DD stays the
      // main process and takes its children down. The PID file must name the same process.
      const pid = proc.pid;
      try {
        const filed = Number(readFileSync(join(runDir, 'kamailio.pid'), 'utf8').trim());
        if (filed && filed !== pid) keep(`kamailio.pid says ${filed}, spawned ${pid}`);
      } catch {
        // No PID file yet.
      }
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      const killed = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
      if (!killed) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
        await exited;
      }
      // Wait until the listening socket is really closed, so an immediate start() can bind again.
      for (let i = 0; i < 40 && (await accepts(wsPort)); i += 1) await sleep(50);
    }
    if (runDir) {
      rmSync(runDir, { recursive: true, force: true });
      runDir = '';
    }
  }

  async function restart() {
    await stop();
    await start();
  }

  return {
    start,
    stop,
    restart,
    get running() {
      return child !== undefined;
    },
    get wsUrl() {
      return `ws://${HOST}:${wsPort}`;
    },
    get sipPort() {
      return sipPort;
    },
    get wsPort() {
      return wsPort;
    },
    /** The last lines kamailio wrote (stderr and stdout). */
    logTail: tail,
  };
}
