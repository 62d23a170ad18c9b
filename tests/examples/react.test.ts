import { describeFrameworkExample } from './example-suite.js';

// examples/react/app.tsx, bundled by `npm run examples` (React 19 production build).
describeFrameworkExample('React', '/examples/react/dist/app.js');
