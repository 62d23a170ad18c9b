import type { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';

/**
 * One tab's connection to a shared backend: the contact center itself, through a proxy that
 * counts the subscriptions (`onOffer`, `onInteraction`, `onCall`, ...) still open through it, so a
 * test can tell which tab listens and which connected nothing. With `workScope`, the connection
 * says it is that agent's desk: two tabs each with their own backend object (as real tabs have)
 * are then one agent's desk.
 */
export function tabConnection(cc: SimulatedContactCenter, workScope?: string): { adapter: SimulatedContactCenter; open: () => number } {
  let open = 0;
  const adapter = new Proxy(cc, {
    get(target, property) {
      if (property === 'workScope' && workScope !== undefined) return workScope;
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (typeof property !== 'string' || !/^on[A-Z]/.test(property)) return value.bind(target);
      return (...args: unknown[]) => {
        const unsubscribe = (value as (...a: unknown[]) => () => void).apply(target, args);
        open++;
        let done = false;
        return () => {
          if (done) return;
          done = true;
          open--;
          unsubscribe();
        };
      };
    },
  });
  return { adapter, open: () => open };
}
