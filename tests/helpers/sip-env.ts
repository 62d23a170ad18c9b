// Where the tests' Kamailio is (served by tests/sip/plugin.mjs), and the guard every real-SIP test
// file calls in before(): real WebRTC media must stay on loopback.

export interface SipEnv {
  /** `ws://127.0.0.1:15080` */
  wsServer: string;
  /** The SIP domain of every test user: `127.0.0.1`. */
  domain: string;
  /** True only when every network interface the test server can see is a loopback one. */
  loopbackOnly: boolean;
  interfaces: string[];
  running?: boolean;
}

export type SipEnvAnswer = SipEnv | { error: string; loopbackOnly?: boolean; interfaces?: string[] };

export async function sipEnv(): Promise<SipEnvAnswer> {
  const response = await fetch('/__sip-env', { cache: 'no-store' });
  if (!response.ok) return { error: `/__sip-env answered ${response.status}: is tests/sip/plugin.mjs in the wtr config?` };
  return (await response.json()) as SipEnvAnswer;
}

export const LOOPBACK_ONLY_MESSAGE =
  'SIP tests run only in a network namespace with loopback only: run them through npm test';

/** Throws unless Kamailio runs and the network is loopback only; returns the environment. */
export async function requireLoopbackOnly(): Promise<SipEnv> {
  const env = await sipEnv();
  if ('error' in env) {
    throw new Error(`${LOOPBACK_ONLY_MESSAGE} (Kamailio is not available: ${env.error})`);
  }
  if (!env.loopbackOnly) {
    throw new Error(`${LOOPBACK_ONLY_MESSAGE} (interfaces seen: ${env.interfaces.join(', ')})`);
  }
  return env;
}

/** Stops, starts or restarts the tests' Kamailio (fault tests); resolves once done. */
export async function sipControl(action: 'start' | 'stop' | 'restart'): Promise<void> {
  const response = await fetch(`/__sip/${action}`, { cache: 'no-store' });
  const result = (await response.json()) as { ok: boolean; error?: string };
  if (!result.ok) throw new Error(`Kamailio ${action} failed: ${result.error ?? response.status}`);
}
