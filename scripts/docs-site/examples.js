// The docs site's live examples, copied to site/assets/ by scripts/docs.mjs. Each
// `[data-example]` stage holds a <callback-provider> (or a simulated <callback-desk>); this gives it
// a SimulatedContactCenter from the built bundle, brings the interaction its kind asks for (an offer
// waiting, a voice or a web callback accepted) and binds the elements inside to it. The stage says
// how far it got in `data-example-state`: starting, then ready (every element defined and rendered)
// or error. Also the theming page's token editor and the localization page's language switch.
import { ready } from '../bundle/callback-elements.bundle.js';
import { SimulatedContactCenter } from '../bundle/adapters/simulated.bundle.js';

const customElementsIn = (stage) => [...stage.querySelectorAll('*')].filter((el) => el.localName.includes('-'));

/** Waits until every element of the stage is defined and has rendered. */
async function rendered(stage) {
  const tags = [...new Set(customElementsIn(stage).map((el) => el.localName))];
  await Promise.all(tags.map((tag) => customElements.whenDefined(tag)));
  await Promise.all(customElementsIn(stage).map((el) => el.updateComplete));
}

/** A new offer of the stage's scenario; accepted unless the stage shows the offer itself. */
async function bind(stage, contactCenter) {
  const scenario = stage.dataset.scenario;
  if (!scenario) return;
  const offer = await contactCenter.offer(scenario);
  const interaction = stage.dataset.example === 'offer' ? offer : await contactCenter.accept(offer.id);
  for (const el of customElementsIn(stage)) {
    if (el.localName !== 'callback-provider' && 'interactionId' in el) el.interactionId = interaction.id;
  }
}

async function start(stage) {
  stage.dataset.exampleState = 'starting';
  try {
    await ready;
    const provider = stage.querySelector('callback-provider');
    if (provider) {
      const contactCenter = new SimulatedContactCenter();
      provider.callbackAdapter = contactCenter;
      provider.telephonyAdapter = contactCenter;
      provider.directoryAdapter = contactCenter;
      const again = document.querySelector(`[data-example-again="${CSS.escape(stage.id)}"]`);
      again?.addEventListener('click', () => {
        again.disabled = true;
        bind(stage, contactCenter)
          .catch((error) => console.error(`docs example ${stage.id}:`, error))
          .finally(() => (again.disabled = false));
      });
      await bind(stage, contactCenter);
    }
    await rendered(stage);
    stage.dataset.exampleState = 'ready';
  } catch (error) {
    stage.dataset.exampleState = 'error';
    console.error(`docs example ${stage.id}:`, error);
  }
}

for (const stage of document.querySelectorAll('[data-example]')) void start(stage);

// The token editor: each field sets its token on the example once it is changed.
for (const form of document.querySelectorAll('form[data-token-target]')) {
  const target = document.getElementById(form.dataset.tokenTarget);
  const css = document.querySelector('[data-token-css]');
  const show = () => {
    const lines = [...form.querySelectorAll('[data-token]')]
      .map((input) => [input.dataset.token, target.style.getPropertyValue(input.dataset.token)])
      .filter(([, value]) => value)
      .map(([name, value]) => `  ${name}: ${value};`);
    const theme = target.dataset.cbTheme ? `[data-cb-theme="${target.dataset.cbTheme}"]` : '';
    if (css) css.textContent = lines.length || theme ? `.my-page${theme} {\n${lines.join('\n')}\n}` : '/* nothing changed yet */';
  };
  const apply = (input) => {
    if (input.name === 'scheme') {
      if (input.checked && input.value) target.dataset.cbTheme = input.value;
      else if (input.checked) delete target.dataset.cbTheme;
    } else if (input.dataset.token) {
      const value = input.value.trim();
      if (value) target.style.setProperty(input.dataset.token, value);
      else target.style.removeProperty(input.dataset.token);
    }
    show();
  };
  form.addEventListener('input', (event) => apply(event.target));
  form.addEventListener('change', (event) => apply(event.target));
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('reset', () => {
    for (const input of form.querySelectorAll('[data-token]')) target.style.removeProperty(input.dataset.token);
    delete target.dataset.cbTheme;
    show();
  });
}

// The language switch: the example's `lang`, which its elements follow.
for (const select of document.querySelectorAll('select[data-lang-target]')) {
  const target = document.getElementById(select.dataset.langTarget);
  select.addEventListener('change', () => (target.lang = select.value));
}
