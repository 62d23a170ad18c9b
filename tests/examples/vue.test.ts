import { describeFrameworkExample } from './example-suite.js';

// examples/vue/app.ts, bundled by `npm run examples` (Vue 3 production build).
describeFrameworkExample('Vue', '/examples/vue/dist/app.js');
