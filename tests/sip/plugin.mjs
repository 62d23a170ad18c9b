import { networkInterfaces } from 'node:os';
import { createKamailio } from './kamailio.mjs';

/** What the SIP tests need to know about this machine: they refuse to run unless loopback only. */
function interfaceFacts() {
  const all = networkInterfaces();
  const interfaces = Object.keys(all);
  const loopbackOnly = interfaces.every((name) => (all[name] ?? []).every((address) => address.internal));
  return { interfaces, loopbackOnly };
}

/**
 * A web-test-runner plugin that runs the tests' own Kamailio (tests/sip/kamailio.cfg, 127.0.0.1
 * only) for the length of the test run, and answers on the test server:
 * - `GET /__sip-env`: `{ wsServer, domain, loopbackOnly, interfaces }`, or `{ error, ... }` when
 *   Kamailio could not start (the other tests still run);
 * - `GET /__sip/stop`, `/__sip/start`, `/__sip/restart`: control Kamailio for fault tests, answering
 *   `{ ok: true, running }` once done (or `{ ok: false, error }`).
 */
export function kamailioPlugin({ sipPort = 15060, wsPort = 15080, cfg } = {}) {
  const kamailio = createKamailio({ sipPort, wsPort, ...(cfg ? { cfg } : {}) });
  let error = '';
  // One control action at a time: a test's restart must not overlap another start or stop.
  let queue = Promise.resolve();
  const control = (action) => {
    const run = queue.then(async () => {
      try {
        await kamailio[action]();
        error = '';
        return { ok: true, running: kamailio.running };
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
        return { ok: false, running: kamailio.running, error };
      }
    });
    queue = run.then(() => undefined);
    return run;
  };

  return {
    name: 'kamailio',
    async serverStart() {
      const result = await control('start');
      if (!result.ok) {
        console.warn(`[kamailio] not started, the SIP tests will fail: ${result.error}`);
      }
    },
    async serverStop() {
      await control('stop');
    },
    async serve(context) {
      if (context.path === '/__sip-env') {
        await queue;
        const facts = interfaceFacts();
        const body = error
          ? { error, ...facts }
          : { wsServer: kamailio.wsUrl, domain: '127.0.0.1', ...facts, running: kamailio.running };
        return { body: JSON.stringify(body), type: 'json', headers: { 'cache-control': 'no-store' } };
      }
      const match = /^\/__sip\/(start|stop|restart)$/.exec(context.path);
      if (match) {
        const result = await control(match[1]);
        return { body: JSON.stringify(result), type: 'json', headers: { 'cache-control': 'no-store' } };
      }
      return undefined;
    },
  };
}
