import { adoptStyles, css, html, type CSSResultOrNative } from 'lit';
import { msg } from '@lit/localize';
import { SimulatedContactCenter } from '../../adapters/simulated/contact-center.js';
import { SCENARIO_NAMES, SCENARIOS, type ScenarioName } from '../../adapters/simulated/scenarios.js';
import type { Clock } from '../../model/clock.js';

/**
 * What `<callback-desk simulated>` adds, fetched only by a desk that runs the simulator: the
 * in-browser simulated contact center and a small bar that sends its scripted offers, so a static
 * page is playable. A desk given adapters never loads it.
 */

const styles = css`
  .simulator {
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-2);
  }
  .simulator[open] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
    align-items: center;
  }
  .simulator summary {
    cursor: pointer;
    flex-basis: 100%;
  }
`;

/**
 * A simulated contact center on the desk's clock, and the bar's styles added to the desk's own
 * (adopted style sheets, which a strict `style-src` allows).
 */
export function startSimulation(root: ShadowRoot, deskStyles: readonly CSSResultOrNative[], clock: Clock | undefined): SimulatedContactCenter {
  adoptStyles(root, [...deskStyles, styles]);
  return new SimulatedContactCenter(clock ? { clock } : {});
}

/** The bar that sends one of the simulator's scenarios as an offer. */
export function renderSimulatorBar(cc: SimulatedContactCenter, root: ShadowRoot) {
  const send = () => {
    const select = root.querySelector<HTMLSelectElement>('#scenario');
    if (select) void cc.offer(select.value as ScenarioName);
  };
  return html`<details part="simulator" class="simulator">
    <summary>${msg('Simulated contact center', { id: 'desk.simulator' })}</summary>
    <label for="scenario">${msg('Scenario', { id: 'desk.simulator-scenario' })}</label>
    <select id="scenario">
      ${SCENARIO_NAMES.map((name) => html`<option value=${name} title=${SCENARIOS[name].description}>${SCENARIOS[name].title}</option>`)}
    </select>
    <button type="button" part="simulator-send" @click=${send}>${msg('Send offer', { id: 'desk.simulator-send' })}</button>
  </details>`;
}
