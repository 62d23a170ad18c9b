import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';

export default tseslint.config(
  { ignores: ['dist/**', 'examples/*/dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', 'src/generated/**', 'site/**'] },
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Untrusted text must never become HTML.' },
        { selector: "CallExpression[callee.name='unsafeHTML']", message: 'Untrusted text must never become HTML.' },
        { selector: "AssignmentExpression[left.property.name='outerHTML']", message: 'Untrusted text must never become HTML.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Untrusted text must never become HTML.' },
        { selector: "CallExpression[callee.property.name='createContextualFragment']", message: 'Untrusted text must never become HTML.' },
        { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^write(ln)?$/]", message: 'Untrusted text must never become HTML.' },
      ],
      // No code from strings: it would also break under the strict CSP the library supports.
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src/elements/**', 'src/controllers/**', 'src/model/**', 'src/context/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'sip.js', message: 'Only src/adapters/sipjs may import sip.js.' }] }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Only adapters talk to the network.' }],
    },
  },
);
