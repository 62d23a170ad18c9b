import { describeElementPages } from './site.js';

/** The docs site's element pages (tests/docs/site.ts says what is checked), part 1 of 3. */
describeElementPages(0, 3);
