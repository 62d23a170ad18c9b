import { expect, waitUntil } from '@open-wc/testing';
import { validationMessage } from '../../src/messages/window-messages.js';

type Checked = { ok: boolean; code?: string; message?: string } | { thrown: string };

/**
 * A page whose phone library cannot be fetched (an import map sends its URL to a file that does
 * not exist, as when the connection drops before the first number is checked): what a number check
 * answers there.
 */
async function checkWithoutLibrary(number: string): Promise<Checked> {
  const frame = document.createElement('iframe');
  // The dev server serves the sources by their own names (.ts) when a page asks for them directly,
  // and rewrites the imports inside them to those names: the map's key is the library's .ts URL.
  const validation = new URL('../../src/model/validation.ts', import.meta.url).href;
  const library = new URL('../../src/model/phone-library.ts', import.meta.url).href;
  const missing = new URL('/__no-such-chunk.js', location.href).href;
  frame.srcdoc = `<!doctype html><script type="importmap">${JSON.stringify({ imports: { [library]: missing } })}</script>
<script type="module">
  import { validatePhoneNumber } from ${JSON.stringify(validation)};
  try {
    const first = await validatePhoneNumber(${JSON.stringify(number)});
    const second = await validatePhoneNumber(${JSON.stringify(number)});
    window.checked = [first, second];
  } catch (error) {
    window.checked = { thrown: String(error) };
  }
</script>`;
  document.body.append(frame);
  try {
    const win = () => frame.contentWindow as (Window & { checked?: Checked | Checked[] }) | null;
    await waitUntil(() => win()?.checked, 'the number checked in the page', { timeout: 8000 });
    const checked = win()!.checked!;
    if (!Array.isArray(checked)) return checked;
    // The second check (the fetch asked for again) answers the same.
    expect(checked[1]).to.deep.equal(checked[0]);
    return checked[0];
  } finally {
    frame.remove();
  }
}

describe('validation without the phone library (offline)', () => {
  it('answers that the number could not be checked, instead of failing or passing it', async () => {
    const checked = await checkWithoutLibrary('+34 912 34 56 78');
    expect(checked).to.not.have.property('thrown');
    expect(checked).to.include({ ok: false, code: 'phone-unchecked' });
  });

  it('still refuses what it can tell without the library (empty, letters)', async () => {
    expect(await checkWithoutLibrary('   ')).to.include({ ok: false, code: 'phone-empty' });
    expect(await checkWithoutLibrary('call me')).to.include({ ok: false, code: 'phone-invalid' });
  });

  it('has words for the agent, which say to check the connection', () => {
    expect(validationMessage('phone-unchecked')).to.match(/connection/i);
  });
});
