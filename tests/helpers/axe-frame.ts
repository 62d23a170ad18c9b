import { expect } from '@open-wc/testing';

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}
type AxeWindow = Window & { axe?: { run(context: Node, options?: object): Promise<{ violations: AxeViolation[] }> } };

/**
 * axe inside the document `context` belongs to (a demo or docs page in a frame): chai-a11y-axe's
 * `accessible()` cannot check a node of another document. axe-core is loaded into that document
 * once. Fails with each violation's rule, help and targets.
 */
export async function expectAccessibleIn(context: Element | Document): Promise<void> {
  // By nodeType, not instanceof: the node comes from another document's realm.
  const doc = context.nodeType === Node.DOCUMENT_NODE ? (context as Document) : (context as Element).ownerDocument;
  const win = doc.defaultView as AxeWindow;
  if (!win.axe) {
    const script = doc.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = reject;
    });
    doc.head.append(script);
    await loaded;
  }
  const { violations } = await win.axe!.run(context, { resultTypes: ['violations'] });
  const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
  expect(summary).to.deep.equal([]);
}
